package io.gatehouse.api;

import io.gatehouse.http.RequestHeaders;
import io.gatehouse.http.UrlText;
import io.gatehouse.pipeline.Ingress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.InputStream;

/** The OpenAI Responses API on every provider: the unified request path with the Responses dialect. */
@Path("responses")
@ApplicationScoped
public class ResponsesResource {
    @Inject
    GatewayRuntime runtime;

    @POST
    public void create(@Context HttpHeaders headers, @Context HttpServletRequest request, InputStream body,
                       @Suspended AsyncResponse async) {
        handle(runtime.dialects().responses().create(request.getQueryString()), "/v1/responses", headers, request, body, async);
    }

    @GET
    @Path("{id}")
    public void retrieve(@PathParam("id") String id, @Context HttpHeaders headers, @Context HttpServletRequest request,
                         @Suspended AsyncResponse async) {
        handle(runtime.dialects().responses().retrieve(id, request.getQueryString()), "/v1/responses/" + id, headers, request, null, async);
    }

    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") String id, @Context HttpHeaders headers, @Context HttpServletRequest request,
                         @Suspended AsyncResponse async) {
        handle(runtime.dialects().responses().delete(id, request.getQueryString()), "/v1/responses/" + id, headers, request, null, async);
    }

    @GET
    @Path("{id}/input_items")
    public void inputItems(@PathParam("id") String id, @Context HttpHeaders headers, @Context HttpServletRequest request,
                           @Suspended AsyncResponse async) {
        handle(runtime.dialects().responses().inputItems(id, request.getQueryString(), UrlText.firstValues(request.getQueryString())),
                "/v1/responses/" + id + "/input_items", headers, request, null, async);
    }

    /** Headers are read on the container thread; the call runs on its own call thread. */
    private void handle(Ingress ingress, String path, HttpHeaders headers, HttpServletRequest request, InputStream body,
                        AsyncResponse async) {
        RequestHeaders requestHeaders = RequestHeaders.of(headers.getRequestHeaders());
        JaxRsResponses.answerOffContainer(runtime.callThreads(), async, request,
                () -> runtime.pipeline().handle(ingress, path, requestHeaders, body));
    }
}
