package io.gatehouse.upstream;

import io.gatehouse.http.Header;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One call to an upstream, fully decided: the gateway has already chosen provider, URL, credentials
 * and headers.
 *
 * @param method         HTTP method
 * @param uri            absolute upstream URL
 * @param headers        exactly the headers to send (the header policy built them)
 * @param body           the body, or null
 * @param requestTimeout the client's explicit per-attempt timeout (408 when exceeded), or null for the
 *                       gateway's read timeout (504 when exceeded)
 */
public record UpstreamRequest(String method, URI uri, List<Header> headers, RequestBody body, Duration requestTimeout) {
    public UpstreamRequest {
        headers = List.copyOf(headers);
    }
}
