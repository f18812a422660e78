package io.gatehouse.api;

import io.gatehouse.context.RequestHeaders;
import io.gatehouse.provider.Capability;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
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
    public Response chatCompletions(@Context HttpHeaders headers, @Context UriInfo uri,
                           @Context HttpServletRequest request, InputStream body) {
        return handle(Capability.CHAT_COMPLETIONS, headers, uri, request, body);
    }

    @POST
    @Path("completions")
    public Response completions(@Context HttpHeaders headers, @Context UriInfo uri,
                           @Context HttpServletRequest request, InputStream body) {
        return handle(Capability.COMPLETIONS, headers, uri, request, body);
    }

    @POST
    @Path("embeddings")
    public Response embeddings(@Context HttpHeaders headers, @Context UriInfo uri,
                           @Context HttpServletRequest request, InputStream body) {
        return handle(Capability.EMBEDDINGS, headers, uri, request, body);
    }

    private Response handle(Capability capability, HttpHeaders headers, UriInfo uri, HttpServletRequest request,
                            InputStream body) {
        RequestHeaders requestHeaders = RequestHeaders.of(headers.getRequestHeaders());
        String path = "/v1/" + uri.getPath(false);
        return JaxRsResponses.toJaxRs(runtime.pipeline().handle(capability, path, requestHeaders, body), request);
    }
}
