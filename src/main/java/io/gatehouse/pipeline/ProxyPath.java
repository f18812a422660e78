package io.gatehouse.pipeline;

import io.gatehouse.error.GatewayException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Where a proxied request goes on the provider: the client's path without the gateway's prefix
 * ({@code /v1/proxy}, else the first {@code /v1}) and its query string, both exactly as sent: order,
 * repeats, empty values and percent-encoding untouched.
 *
 * @param rest     the raw path after the prefix: empty, or starting with {@code /}
 * @param rawQuery the raw query string, or null when the client sent none
 */
public record ProxyPath(String rest, String rawQuery) {
    private static final String PROXY_PREFIX = "/v1/proxy";
    private static final String API_PREFIX = "/v1";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * @param rawPath  the request path after the context path, undecoded ({@code /v1/proxy/chat/completions})
     * @param rawQuery the query string as sent, or null
     */
    public static ProxyPath of(String rawPath, String rawQuery) {
        String rest;
        if (startsWithSegment(rawPath, PROXY_PREFIX)) {
            rest = rawPath.substring(PROXY_PREFIX.length());
        } else if (startsWithSegment(rawPath, API_PREFIX)) {
            rest = rawPath.substring(API_PREFIX.length());
        } else {
            throw GatewayException.badRequest("invalid_path", "Proxied paths start with /v1/");
        }
        // The container routed the normalised path; the raw one must not climb out of the provider's base.
        for (String segment : rest.split("/")) {
            String decoded = segment.replace("%2e", ".").replace("%2E", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                throw GatewayException.badRequest("invalid_path", "Proxied paths may not contain . or .. segments");
            }
        }
        return new ProxyPath(rest, rawQuery);
    }

    /**
     * The upstream URL: the provider's API base, the rest of the path, the query as sent. Only characters
     * no URL may carry unencoded (a raw space, {@code {}, {@code |}, non-ASCII) are percent-encoded, as a
     * browser would; every existing escape and every other character is kept.
     */
    public URI upstreamUri(String apiBase) {
        StringBuilder url = new StringBuilder(apiBase);
        appendEscapingIllegal(url, rest);
        if (rawQuery != null) {
            url.append('?');
            appendEscapingIllegal(url, rawQuery);
        }
        return URI.create(url.toString());
    }

    private static boolean startsWithSegment(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    static void appendEscapingIllegal(StringBuilder out, String raw) {
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            if (c == '%' ? i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2)) : isUrlCharacter(c)) {
                out.append((char) c);
            } else if (c <= 0xFF) {
                // The container reads request-line bytes as ISO-8859-1: this restores the byte sent.
                escape(out, (byte) c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    escape(out, b);
                }
            }
            i += Character.charCount(c);
        }
    }

    /** RFC 3986 unreserved, sub-delims, and the delimiters legal in a path or query. */
    private static boolean isUrlCharacter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static void escape(StringBuilder out, byte b) {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
}
