package io.gatehouse.pipeline;

import io.gatehouse.error.ErrorBody;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.GatewayHeaders;
import io.gatehouse.http.Header;
import io.gatehouse.routing.RoutingFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What the gateway answers, independent of the container: status, headers and a body that writes
 * itself (streamed, flushed as it goes). JAX-RS resources and the proxy filter each turn it into their
 * container's response.
 */
public record GatewayResponse(int status, List<Header> headers, BodyWriter body) {

    /** Writes the body; owns and releases any upstream connection behind it. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    public GatewayResponse {
        headers = List.copyOf(headers);
    }

    /**
     * A JSON error the gateway itself produced; one that happened after routing began carries the
     * routing headers too (which target, how many retries, which provider).
     */
    public static GatewayResponse error(GatewayException e, String traceId) {
        return error(e, traceId, ErrorBody.of(e));
    }

    /** The same, with the error written in the route's own shape ({@code body}). */
    public static GatewayResponse error(GatewayException e, String traceId, byte[] body) {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Content-Type", "application/json"));
        headers.add(new Header(GatewayHeaders.TRACE_ID, traceId));
        headers.add(new Header(GatewayHeaders.GATEWAY_EXCEPTION, "true"));
        if (e instanceof RoutingFailure routing) {
            headers.addAll(routing.routingHeaders());
        }
        headers.addAll(e.responseHeaders());
        return new GatewayResponse(e.status(), headers, out -> out.write(body));
    }

    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }
}
