package io.gatehouse.api;

import io.gatehouse.http.RequestHeaders;
import io.gatehouse.pipeline.RerankIngress;
import io.gatehouse.provider.Capability;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import java.io.InputStream;

/**
 * The OpenAI-format unified routes. Each one is the same request path with a different capability.
 * One instance serves every request (it holds no request state), so nothing is injected per request.
 */
@Path("")
@ApplicationScoped
public class UnifiedRoutesResource {
    @Inject
    GatewayRuntime runtime;

    @POST
    @Path("chat/completions")
    public void chatCompletions(@Context HttpServletRequest request, InputStream body, @Suspended AsyncResponse async) {
        handle(Capability.CHAT_COMPLETIONS, request, body, async);
    }

    @POST
    @Path("completions")
    public void completions(@Context HttpServletRequest request, InputStream body, @Suspended AsyncResponse async) {
        handle(Capability.COMPLETIONS, request, body, async);
    }

    @POST
    @Path("embeddings")
    public void embeddings(@Context HttpServletRequest request, InputStream body, @Suspended AsyncResponse async) {
        handle(Capability.EMBEDDINGS, request, body, async);
    }

    /** Cohere-shaped rerank: passed through to Cohere-compatible providers, translated for the others (Bedrock). */
    @POST
    @Path("rerank")
    public void rerank(@Context HttpServletRequest request, InputStream body, @Suspended AsyncResponse async) {
        RequestHeaders requestHeaders = RequestHeaders.fromServlet(request.getHeaderNames(), request::getHeaders);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        JaxRsResponses.answerOffContainer(runtime.callThreads(), async, request,
                () -> runtime.pipeline().handle(RerankIngress.INSTANCE, path, requestHeaders, body));
    }

    /**
     * Headers and path come from the servlet request: one injected context instead of three per call. They
     * are read here, on the container thread; the call itself runs on its own call thread.
     */
    private void handle(Capability capability, HttpServletRequest request, InputStream body, AsyncResponse async) {
        RequestHeaders requestHeaders = RequestHeaders.fromServlet(request.getHeaderNames(), request::getHeaders);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        JaxRsResponses.answerOffContainer(runtime.callThreads(), async, request,
                () -> runtime.pipeline().handle(capability, path, requestHeaders, body));
    }
}
