package io.gatehouse.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which headers cross the gateway, in each direction. One policy serves the unified routes and the
 * catch-all proxy:
 * <ul>
 *   <li>never upstream: {@code x-portkey-*}, hop-by-hop headers, {@code Host}, {@code Expect},
 *       {@code Content-Length} (the upstream request carries its own framing);</li>
 *   <li>unified routes send only provider auth, the content type, the provider's own pass-through
 *       headers (e.g. {@code openai-beta}) and the headers the client named in
 *       {@code x-portkey-forward-headers};</li>
 *   <li>the proxy sends every other client header, the client's {@code Authorization} replaced by the
 *       provider's credentials (in the provider's scheme) when the gateway holds a key, and the
 *       provider's defaults (an API version) unless the client sent its own;</li>
 *   <li>back to the client: every upstream header ({@code x-ratelimit-*}, {@code retry-after}, request ids)
 *       except hop-by-hop ones, {@code Server}/{@code Date} (the container sets its own) and upstream
 *       {@code x-portkey-*}; {@code Content-Length} only when the body is relayed unchanged.</li>
 * </ul>
 */
public final class HeaderPolicy {
    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
            "te", "trailer", "trailers", "transfer-encoding", "upgrade");
    private static final Set<String> NEVER_UPSTREAM = Set.of("host", "expect", "content-length");
    private static final Set<String> NEVER_DOWNSTREAM = Set.of("server", "date", "content-length");

    private HeaderPolicy() {
    }

    public static boolean isHopByHop(String lowerCaseName) {
        return HOP_BY_HOP.contains(lowerCaseName);
    }

    /** Headers for a unified-route request: credentials, JSON content type, allowed pass-through, forwarded. */
    public static List<Header> unifiedUpstreamHeaders(RequestHeaders client, List<Header> providerHeaders,
                                                      Set<String> providerPassThrough, List<String> forwardNames) {
        List<Header> out = new ArrayList<>(providerHeaders);
        out.add(new Header("Content-Type", "application/json"));
        for (String name : providerPassThrough) {
            copyFromClient(client, name, out);
        }
        if (forwardNames != null) {
            for (String name : forwardNames) {
                String lowerCaseName = name.toLowerCase(Locale.ROOT);
                if (mayGoUpstream(lowerCaseName)) {
                    copyFromClient(client, lowerCaseName, out);
                }
            }
        }
        return out;
    }

    /**
     * Headers for a proxied request: every client header that may go upstream, plus the provider's
     * credentials and defaults. Credentials replace the client's header of the same name and its
     * {@code Authorization} (which carried the key to the gateway, or is superseded by the config's key);
     * defaults (e.g. {@code anthropic-version}) apply only when the client sent no such header. A header
     * named in {@code x-portkey-forward-headers} always keeps the client's value.
     *
     * @param credentials the provider's auth headers for the target's key (empty without a key)
     * @param defaults    the provider's default headers
     */
    public static List<Header> proxyUpstreamHeaders(RequestHeaders client, List<Header> credentials,
                                                    List<Header> defaults, List<String> forwardNames) {
        Set<String> clientWins = new HashSet<>();
        if (forwardNames != null) {
            forwardNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).filter(client::contains).forEach(clientWins::add);
        }
        Set<String> replaced = lowerNames(credentials);
        if (!credentials.isEmpty()) {
            replaced.add("authorization");
        }
        replaced.removeAll(clientWins);
        Set<String> connectionNamed = connectionTokens(client);

        List<Header> out = new ArrayList<>();
        for (Header h : credentials) {
            if (!clientWins.contains(h.name().toLowerCase(Locale.ROOT))) {
                out.add(h);
            }
        }
        for (Header h : defaults) {
            if (!client.contains(h.name())) {
                out.add(h);
            }
        }
        client.forEach((name, value) -> {
            if (mayGoUpstream(name) && !connectionNamed.contains(name) && !replaced.contains(name)) {
                out.add(new Header(name, value));
            }
        });
        return out;
    }

    /**
     * Upstream response headers the client may see. {@code Content-Length} only with a body relayed unchanged,
     * and only when it can describe the bytes sent: never beside a {@code Transfer-Encoding} (which overrides
     * it, RFC 9112 §6.3: the bytes are the chunked body's), nor when it is repeated with different values or
     * not a length at all — a client, or a shared proxy in front, would read the next response from the wrong offset.
     */
    public static List<Header> downstreamHeaders(Iterable<Header> upstream, boolean bodyUnchanged) {
        boolean keepLength = bodyUnchanged && lengthDescribesBody(upstream);
        List<Header> out = new ArrayList<>();
        for (Header h : upstream) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (isHopByHop(name) || GatewayHeaders.isGatewayHeader(name)) {
                continue;
            }
            if (NEVER_DOWNSTREAM.contains(name) && !(keepLength && name.equals("content-length"))) {
                continue;
            }
            if (name.equals("content-length")) {
                keepLength = false; // once is enough
            }
            out.add(h);
        }
        return out;
    }

    /** One length (however often repeated), a valid one, and no transfer coding. */
    private static boolean lengthDescribesBody(Iterable<Header> upstream) {
        long length = -1;
        for (Header h : upstream) {
            if (h.name().equalsIgnoreCase("transfer-encoding")) {
                return false;
            }
            if (h.name().equalsIgnoreCase("content-length")) {
                long value = Header.contentLength(h.value());
                if (value < 0 || (length >= 0 && value != length)) {
                    return false;
                }
                length = value;
            }
        }
        return true;
    }

    static boolean mayGoUpstream(String lowerCaseName) {
        return !GatewayHeaders.isGatewayHeader(lowerCaseName)
                && !isHopByHop(lowerCaseName)
                && !NEVER_UPSTREAM.contains(lowerCaseName);
    }

    private static void copyFromClient(RequestHeaders client, String name, List<Header> out) {
        List<String> values = client.all(name);
        if (values.isEmpty()) {
            return;
        }
        out.removeIf(h -> h.name().equalsIgnoreCase(name));
        values.forEach(v -> out.add(new Header(name, v)));
    }

    private static Set<String> lowerNames(List<Header> headers) {
        Set<String> names = new HashSet<>();
        headers.forEach(h -> names.add(h.name().toLowerCase(Locale.ROOT)));
        return names;
    }

    /** Headers named in {@code Connection: a, b} are hop-by-hop for this message too (RFC 9110 §7.6.1). */
    private static Set<String> connectionTokens(RequestHeaders client) {
        Set<String> names = new HashSet<>();
        for (String value : client.all("connection")) {
            for (String token : value.split(",")) {
                names.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
