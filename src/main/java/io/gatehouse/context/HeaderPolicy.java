package io.gatehouse.context;

import java.util.ArrayList;
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
 *       provider's credentials when the gateway holds them;</li>
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

    /** Headers for a proxied request: everything the client sent that may go upstream, plus credentials. */
    public static List<Header> proxyUpstreamHeaders(RequestHeaders client, List<Header> providerHeaders,
                                                    List<String> forwardNames) {
        Set<String> supplied = lowerNames(providerHeaders);
        Set<String> forwarded = forwardNames == null ? Set.of() : lowerCase(forwardNames);
        Set<String> connectionNamed = connectionTokens(client);
        List<Header> out = new ArrayList<>(providerHeaders);
        // A header the client explicitly forwards (and sent) replaces the provider's, never joins it.
        out.removeIf(h -> forwarded.contains(h.name().toLowerCase(Locale.ROOT)) && client.contains(h.name()));
        client.forEach((name, value) -> {
            boolean providerWins = supplied.contains(name) && !forwarded.contains(name);
            if (mayGoUpstream(name) && !connectionNamed.contains(name) && !providerWins) {
                out.add(new Header(name, value));
            }
        });
        return out;
    }

    /** Upstream response headers the client may see. */
    public static List<Header> downstreamHeaders(Iterable<Header> upstream, boolean bodyUnchanged) {
        List<Header> out = new ArrayList<>();
        for (Header h : upstream) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (isHopByHop(name) || GatewayHeaders.isGatewayHeader(name)) {
                continue;
            }
            if (NEVER_DOWNSTREAM.contains(name) && !(bodyUnchanged && name.equals("content-length"))) {
                continue;
            }
            out.add(h);
        }
        return out;
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

    private static Set<String> lowerCase(List<String> names) {
        Set<String> lower = new java.util.HashSet<>();
        names.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
        return lower;
    }

    private static Set<String> lowerNames(List<Header> headers) {
        return lowerCase(headers.stream().map(Header::name).toList());
    }

    /** Headers named in {@code Connection: a, b} are hop-by-hop for this message too (RFC 9110 §7.6.1). */
    private static Set<String> connectionTokens(RequestHeaders client) {
        Set<String> names = new java.util.HashSet<>();
        for (String value : client.all("connection")) {
            for (String token : value.split(",")) {
                names.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
