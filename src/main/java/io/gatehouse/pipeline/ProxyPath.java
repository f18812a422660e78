package io.gatehouse.pipeline;

import io.gatehouse.error.GatewayException;
import io.gatehouse.http.UrlText;
import java.net.URI;

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
        UrlText.appendEscapingIllegal(url, rest);
        if (rawQuery != null) {
            url.append('?');
            UrlText.appendEscapingIllegal(url, rawQuery);
        }
        return URI.create(url.toString());
    }

    private static boolean startsWithSegment(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
