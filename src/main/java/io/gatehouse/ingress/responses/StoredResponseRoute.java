package io.gatehouse.ingress.responses;

import io.gatehouse.context.RequestContext;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.GatewayHeaders;
import io.gatehouse.http.Header;
import io.gatehouse.model.Json;
import io.gatehouse.pipeline.BuildUpstreamRequest;
import io.gatehouse.pipeline.GatewayResponse;
import io.gatehouse.pipeline.Ingress;
import io.gatehouse.pipeline.JsonBody;
import io.gatehouse.pipeline.UnifiedCall;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.routing.ResolvedTarget;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/responses/{id}}, {@code DELETE /v1/responses/{id}} and {@code GET /v1/responses/{id}/input_items}.
 * A response in the gateway's store is answered from it, whichever provider made it (no provider needed).
 * Any other id goes to the request's provider when it keeps responses itself (OpenAI, Azure OpenAI) —
 * passed through, routing as for any call — and is a 404 elsewhere.
 */
final class StoredResponseRoute implements Ingress {
    /** What is asked of the response. */
    enum Operation {
        RETRIEVE("GET", ""), DELETE("DELETE", ""), INPUT_ITEMS("GET", "/input_items");

        final String method;
        final String subPath;

        Operation(String method, String subPath) {
            this.method = method;
            this.subPath = subPath;
        }
    }

    /** Ids become a path segment upstream: nothing that could change the path or add a query. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    private final ResponsesDialect dialect;
    private final ResponseStore store;
    private final Operation operation;
    private final String id;
    private final String rawQuery;
    /** Read only when the store answers: a provider serving the Responses API gets the query as sent. */
    private final Supplier<InputItemsPage> page;

    StoredResponseRoute(ResponsesDialect dialect, ResponseStore store, Operation operation, String id, String rawQuery,
                        Supplier<InputItemsPage> page) {
        this.dialect = dialect;
        this.store = store;
        this.operation = operation;
        this.id = id;
        this.rawQuery = rawQuery;
        this.page = page;
    }

    @Override
    public Capability capability() {
        return Capability.CHAT_COMPLETIONS;
    }

    @Override
    public boolean readsBody() {
        return false;
    }

    @Override
    public Optional<GatewayResponse> answerLocally(RequestContext ctx) {
        if (!ID.matcher(id).matches()) {
            throw GatewayException.badRequest("invalid_response_id", "Invalid response id: letters, digits, '_' and '-' only");
        }
        ResponseStore.Shelf shelf = store.shelf(ResponseStore.ownerOf(ctx.caller()));
        return shelf.get(id).map(stored -> switch (operation) {
            case RETRIEVE -> json(ctx, stored.response());
            case INPUT_ITEMS -> json(ctx, page.get().of(stored.inputItems()));
            case DELETE -> {
                shelf.remove(id);
                yield json(ctx, Json.object().add("id", id).add("object", "response").add("deleted", true).build());
            }
        });
    }

    @Override
    public UnifiedCall call(RequestContext ctx, ResolvedTarget target, JsonBody body) {
        ProviderCall call = BuildUpstreamRequest.providerCall(ctx, target, dialect.apiKey(ctx, target));
        Optional<Endpoint> own = dialect.nativeEndpoint(call, "/" + id + operation.subPath, rawQuery);
        if (own.isEmpty()) {
            throw new GatewayException(ErrorType.NOT_FOUND, "response_not_found", "Response with id '" + id + "' not found.");
        }
        return BuildUpstreamRequest.passThrough(ctx, target, operation.method, own.get(), null, dialect.streamEnd());
    }

    @Override
    public byte[] errorBody(GatewayException error) {
        return dialect.gatewayError(error);
    }

    private static GatewayResponse json(RequestContext ctx, JsonObject body) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return new GatewayResponse(200, List.of(new Header("Content-Type", "application/json"),
                new Header(GatewayHeaders.TRACE_ID, ctx.traceId())), out -> out.write(bytes));
    }
}
