package io.gatehouse.upstream;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hc.client5.http.classic.methods.HttpUriRequest;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.glassfish.jersey.apache5.connector.Apache5ConnectionClosingStrategy;
import org.glassfish.jersey.client.ClientRequest;

/**
 * Per-request flag read when the response is closed. Closing an Apache response normally drains the
 * rest of the body so the connection can be reused; when the relay stopped early (client gone, error)
 * that would wait for the whole upstream answer, so the request is aborted instead.
 */
final class AbortSwitch {
    static final String PROPERTY = "io.gatehouse.upstream.abortSwitch";

    private volatile boolean aborted;

    void abort() {
        aborted = true;
    }

    boolean aborted() {
        return aborted;
    }

    /** The connector's closing strategy, consulting the request's switch. */
    static final class ClosingStrategy implements Apache5ConnectionClosingStrategy {
        @Override
        public void close(ClientRequest clientRequest, HttpUriRequest request, CloseableHttpResponse response,
                          InputStream stream) throws IOException {
            Object value = clientRequest.getProperty(PROPERTY);
            if (value instanceof AbortSwitch s && s.aborted()) {
                request.abort();
            }
            try {
                stream.close();
            } catch (IOException ignored) {
                // an aborted stream may complain; the connection is discarded either way
            } finally {
                response.close();
            }
        }
    }
}
