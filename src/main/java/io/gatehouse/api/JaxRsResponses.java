package io.gatehouse.api;

import io.gatehouse.http.GatewayHeaders;
import io.gatehouse.http.Header;
import io.gatehouse.pipeline.GatewayResponse;
import io.gatehouse.pipeline.RelayResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.function.Supplier;

/** Runs a unified-route call off the container thread and answers it as a JAX-RS response whose entity streams. */
final class JaxRsResponses {
    private JaxRsResponses() {
    }

    /**
     * Hands {@code call} to its own call thread and returns, so the container thread is free at once. Jersey
     * writes the response on the thread that resumes it: the body streams from the upstream on the call thread.
     */
    static void answerOffContainer(CallThreads threads, AsyncResponse async, HttpServletRequest request,
                                   Supplier<GatewayResponse> call) {
        CallThreads.Refusal refused = threads.run(request, () -> {
            try {
                async.resume(toJaxRs(call.get(), request));
            } catch (RuntimeException | Error e) {
                // The exception mappers answer it, as they would on the container thread.
                async.resume(e);
            }
        });
        if (refused != null) {
            async.resume(Response.status(503).type("application/json").header("Retry-After", "1")
                    .header(GatewayHeaders.GATEWAY_EXCEPTION, "true").entity(threads.refusalBody(refused)).build());
        }
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
