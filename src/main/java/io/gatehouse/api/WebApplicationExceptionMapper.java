package io.gatehouse.api;

import io.gatehouse.error.ErrorBody;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.GatewayHeaders;
import io.gatehouse.ingress.anthropic.MessagesAnswers;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Jersey's own refusals (405 on a unified path, 415, 406 …) as the gateway's JSON error; an unmatched
 * path goes on to the catch-all proxy.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
    @Context
    HttpHeaders headers;
    @Context
    UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException e) {
        if (e instanceof NotFoundException) {
            // No resource matched: only a 404 without a body lets Jersey (forwardOn404) hand the request
            // on to the catch-all proxy filter.
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        int status = e.getResponse().getStatus();
        String message;
        String type;
        if (e instanceof NotAllowedException) {
            message = "Method not allowed here. Allowed: " + String.join(", ", e.getResponse().getAllowedMethods());
            type = "method_not_allowed_error";
        } else {
            message = Response.Status.fromStatusCode(status) != null
                    ? Response.Status.fromStatusCode(status).getReasonPhrase() : "Request refused";
            type = status >= 500 ? "internal_error" : "invalid_request_error";
        }
        // The Messages API answers errors in Anthropic's shape, Jersey's own refusals (405 …) included.
        byte[] body = uri != null && uri.getPath().startsWith("messages")
                ? MessagesAnswers.gatewayError(new GatewayException(ErrorType.INVALID_REQUEST, status, "http_" + status, message, null))
                : ErrorBody.of(message, type, "http_" + status);
        Response.ResponseBuilder builder = Response.status(status)
                .type("application/json")
                .header(GatewayHeaders.GATEWAY_EXCEPTION, "true")
                .entity(body);
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Allow")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        String trace = headers == null ? null : headers.getHeaderString(GatewayHeaders.TRACE_ID);
        if (trace != null) {
            builder.header(GatewayHeaders.TRACE_ID, trace);
        }
        return builder.build();
    }
}
