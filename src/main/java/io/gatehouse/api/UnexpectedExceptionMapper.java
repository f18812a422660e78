package io.gatehouse.api;

import io.gatehouse.http.GatewayHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A bug, not a client error: logged with an incident id, answered as JSON 500 without internals. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<RuntimeException> {
    @Override
    public Response toResponse(RuntimeException e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException wae) {
            return new WebApplicationExceptionMapper().toResponse(wae);
        }
        return Response.status(500)
                .type("application/json")
                .header(GatewayHeaders.GATEWAY_EXCEPTION, "true")
                .entity(Incidents.record(e))
                .build();
    }
}
