package io.gatehouse.api;

import io.gatehouse.http.RequestHeaders;
import io.gatehouse.pipeline.Ingress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.InputStream;

/** The Anthropic Messages API on every provider: the unified request path with the Messages dialect. */
@Path("messages")
@ApplicationScoped
public class MessagesResource {
    @Inject
    GatewayRuntime runtime;

    @POST
    public void create(@Context HttpHeaders headers, @Context HttpServletRequest request, InputStream body,
                       @Suspended AsyncResponse async) {
        handle(runtime.dialects().messages().messages(request.getQueryString()), "/v1/messages", headers, request, body, async);
    }

    @POST
    @Path("count_tokens")
    public void countTokens(@Context HttpHeaders headers, @Context HttpServletRequest request, InputStream body,
                       @Suspended AsyncResponse async) {
        handle(runtime.dialects().messages().countTokens(request.getQueryString()), "/v1/messages/count_tokens",
                headers, request, body, async);
    }

    /** Headers are read on the container thread; the call runs on its own call thread. */
    private void handle(Ingress ingress, String path, HttpHeaders headers, HttpServletRequest request, InputStream body,
                        AsyncResponse async) {
        RequestHeaders requestHeaders = RequestHeaders.of(headers.getRequestHeaders());
        JaxRsResponses.answerOffContainer(runtime.callThreads(), async, request,
                () -> runtime.pipeline().handle(ingress, path, requestHeaders, body));
    }
}
