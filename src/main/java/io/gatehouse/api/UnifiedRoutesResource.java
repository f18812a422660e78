package io.gatehouse.api;

import io.gatehouse.http.RequestHeaders;
import io.gatehouse.provider.Capability;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
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
    public Response chatCompletions(@Context HttpServletRequest request, InputStream body) {
        return handle(Capability.CHAT_COMPLETIONS, request, body);
    }

    @POST
    @Path("completions")
    public Response completions(@Context HttpServletRequest request, InputStream body) {
        return handle(Capability.COMPLETIONS, request, body);
    }

    @POST
    @Path("embeddings")
    public Response embeddings(@Context HttpServletRequest request, InputStream body) {
        return handle(Capability.EMBEDDINGS, request, body);
    }

    /** Headers and path come from the servlet request: one injected context instead of three per call. */
    private Response handle(Capability capability, HttpServletRequest request, InputStream body) {
        RequestHeaders requestHeaders = RequestHeaders.fromServlet(request.getHeaderNames(), request::getHeaders);
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return JaxRsResponses.toJaxRs(runtime.pipeline().handle(capability, path, requestHeaders, body), request);
    }
}
