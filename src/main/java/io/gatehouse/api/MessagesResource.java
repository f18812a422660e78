package io.gatehouse.api;

import io.gatehouse.http.RequestHeaders;
import io.gatehouse.pipeline.Ingress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** The Anthropic Messages API on every provider: the unified request path with the Messages dialect. */
@Path("messages")
@ApplicationScoped
public class MessagesResource {
    @Inject
    GatewayRuntime runtime;

    @POST
    public Response create(@Context HttpHeaders headers, @Context HttpServletRequest request, InputStream body) {
        return handle(runtime.dialects().messages().messages(request.getQueryString()), "/v1/messages", headers, request, body);
    }

    @POST
    @Path("count_tokens")
    public Response countTokens(@Context HttpHeaders headers, @Context HttpServletRequest request, InputStream body) {
        return handle(runtime.dialects().messages().countTokens(request.getQueryString()), "/v1/messages/count_tokens",
                headers, request, body);
    }

    private Response handle(Ingress ingress, String path, HttpHeaders headers, HttpServletRequest request, InputStream body) {
        RequestHeaders requestHeaders = RequestHeaders.of(headers.getRequestHeaders());
        return JaxRsResponses.toJaxRs(runtime.pipeline().handle(ingress, path, requestHeaders, body), request);
    }
}
