package io.gatehouse.upstream;

import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpRequestInterceptor;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.glassfish.jersey.client.ClientRequest;

/**
 * Says two things about a request body that Jersey cannot: its length while it streams (Jersey either
 * streams chunked or buffers the whole body to count it, impossible for a 1 GiB upload), and its
 * Content-Type exactly as the client wrote it (Jersey re-serialises the type, and refuses one it cannot
 * parse). Runs in Apache HttpClient after its own interceptors, so it has the last word on these headers;
 * the connection then frames the body by the Content-Length it finds.
 */
final class ExactBodyHeaders implements HttpRequestInterceptor {
    /** The Jersey request property carrying a {@link Body}. */
    static final String PROPERTY = "io.gatehouse.upstream.exactBodyHeaders";
    /** Where Jersey's Apache connector puts the Jersey request in the HTTP context. */
    private static final String JERSEY_REQUEST = "JerseyRequestAttribute";

    /**
     * @param length      the body's length, or -1 to send it chunked
     * @param contentType the Content-Type to send, or null for none
     */
    record Body(long length, String contentType) {
    }

    @Override
    public void process(HttpRequest request, EntityDetails entity, HttpContext context) {
        if (entity == null
                || !(context.getAttribute(JERSEY_REQUEST) instanceof ClientRequest jersey)
                || !(jersey.getProperty(PROPERTY) instanceof Body body)) {
            return;
        }
        request.removeHeaders(HttpHeaders.CONTENT_TYPE);
        if (body.contentType() != null) {
            request.addHeader(HttpHeaders.CONTENT_TYPE, body.contentType());
        }
        if (body.length() >= 0) {
            request.removeHeaders(HttpHeaders.TRANSFER_ENCODING);
            request.setHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(body.length()));
        }
    }
}
