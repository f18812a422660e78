package io.gatehouse.api;

import io.gatehouse.error.ErrorBody;
import io.gatehouse.http.GatewayHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A bug, not a client error: logged with an incident id, answered as JSON 500 without internals. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<RuntimeException> {
    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(RuntimeException e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException wae) {
            return new WebApplicationExceptionMapper().toResponse(wae);
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "incident " + incident, e);
        return Response.status(500)
                .type("application/json")
                .header(GatewayHeaders.GATEWAY_EXCEPTION, "true")
                .entity(ErrorBody.of("Internal gateway error (incident " + incident + ")", "internal_error", "internal_error"))
                .build();
    }
}
