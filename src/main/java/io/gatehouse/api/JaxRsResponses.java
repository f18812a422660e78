package io.gatehouse.api;

import io.gatehouse.http.Header;
import io.gatehouse.pipeline.GatewayResponse;
import io.gatehouse.pipeline.RelayResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** Turns a {@link GatewayResponse} into a JAX-RS response whose entity streams. */
final class JaxRsResponses {
    private JaxRsResponses() {
    }

    /**
     * @param request the servlet request, whose connection is cut when the upstream breaks off a body
     *                already committed to the client, so the client cannot mistake it for complete
     */
    static Response toJaxRs(GatewayResponse response, HttpServletRequest request) {
        Response.ResponseBuilder builder = Response.status(response.status());
        for (Header h : response.headers()) {
            builder.header(h.name(), h.value());
        }
        StreamingOutput entity = out -> {
            try {
                response.body().writeTo(out);
            } catch (RelayResponse.UpstreamBodyBrokenException e) {
                if (!ClientConnection.cut(request)) {
                    throw e;
                }
            }
        };
        return builder.entity(entity).build();
    }
}
