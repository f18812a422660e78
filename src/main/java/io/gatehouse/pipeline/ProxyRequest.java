package io.gatehouse.pipeline;

import io.gatehouse.http.RequestHeaders;
import java.io.InputStream;

/**
 * A request the catch-all proxy received, as it was sent: nothing in it decoded or read yet.
 *
 * @param method     the HTTP method
 * @param rawPath    the path after the context path, undecoded ({@code /v1/rerank})
 * @param rawQuery   the query string as sent, or null
 * @param headers    the client's headers
 * @param body       the client's body, or null when the request has none
 * @param bodyLength the body's Content-Length, or -1 when it comes chunked
 */
public record ProxyRequest(String method, String rawPath, String rawQuery, RequestHeaders headers,
                           InputStream body, long bodyLength) {
}
