package io.gatehouse.api;

import io.gatehouse.http.RequestHeaders;
import io.gatehouse.pipeline.Ingress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** The OpenAI Responses API on every provider: the unified request path with the Responses dialect. */
@Path("responses")
@ApplicationScoped
public class ResponsesResource {
    @Inject
    GatewayRuntime runtime;

    @POST
    public Response create(@Context HttpHeaders headers, @Context HttpServletRequest request, InputStream body) {
        return handle(runtime.dialects().responses().create(request.getQueryString()), "/v1/responses", headers, request, body);
    }

    @GET
    @Path("{id}")
    public Response retrieve(@PathParam("id") String id, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return handle(runtime.dialects().responses().retrieve(id, request.getQueryString()), "/v1/responses/" + id, headers, request, null);
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @Context HttpHeaders headers, @Context HttpServletRequest request) {
        return handle(runtime.dialects().responses().delete(id, request.getQueryString()), "/v1/responses/" + id, headers, request, null);
    }

    @GET
    @Path("{id}/input_items")
    public Response inputItems(@PathParam("id") String id, @Context HttpHeaders headers, @Context UriInfo uri,
                               @Context HttpServletRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> query.put(name, values.get(0)));
        return handle(runtime.dialects().responses().inputItems(id, request.getQueryString(), query),
                "/v1/responses/" + id + "/input_items", headers, request, null);
    }

    private Response handle(Ingress ingress, String path, HttpHeaders headers, HttpServletRequest request, InputStream body) {
        RequestHeaders requestHeaders = RequestHeaders.of(headers.getRequestHeaders());
        return JaxRsResponses.toJaxRs(runtime.pipeline().handle(ingress, path, requestHeaders, body), request);
    }
}
