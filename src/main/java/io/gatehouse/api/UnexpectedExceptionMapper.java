package io.gatehouse.api;

import io.gatehouse.error.ErrorBody;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.GatewayHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A bug, not a client error: logged with an incident id, answered as JSON 500 without internals. A
 * {@link GatewayException} that escaped is answered as what it says (its status and JSON error).
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<RuntimeException> {
    @Override
    public Response toResponse(RuntimeException e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException wae) {
            return new WebApplicationExceptionMapper().toResponse(wae);
        }
        if (e instanceof GatewayException refused) {
            // A refusal raised before the pipeline took the request: still the client's error, not a bug.
            Response.ResponseBuilder builder = Response.status(refused.status())
                    .type("application/json")
                    .header(GatewayHeaders.GATEWAY_EXCEPTION, "true")
                    .entity(ErrorBody.of(refused));
            refused.responseHeaders().forEach(h -> builder.header(h.name(), h.value()));
            return builder.build();
        }
        return Response.status(500)
                .type("application/json")
                .header(GatewayHeaders.GATEWAY_EXCEPTION, "true")
                .entity(Incidents.record(e))
                .build();
    }
}
