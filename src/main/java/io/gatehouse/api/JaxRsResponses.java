package io.gatehouse.api;

import io.gatehouse.context.Header;
import io.gatehouse.pipeline.GatewayResponse;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** Turns a {@link GatewayResponse} into a JAX-RS response whose entity streams. */
final class JaxRsResponses {
    private JaxRsResponses() {
    }

    static Response toJaxRs(GatewayResponse response) {
        Response.ResponseBuilder builder = Response.status(response.status());
        for (Header h : response.headers()) {
            builder.header(h.name(), h.value());
        }
        StreamingOutput entity = response.body()::writeTo;
        return builder.entity(entity).build();
    }
}
