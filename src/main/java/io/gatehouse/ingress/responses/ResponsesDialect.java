package io.gatehouse.ingress.responses;

import io.gatehouse.context.RequestContext;
import io.gatehouse.error.ErrorBody;
import io.gatehouse.error.GatewayException;
import io.gatehouse.ingress.ClientDialect;
import io.gatehouse.ingress.DialectIngress;
import io.gatehouse.model.ClientChat;
import io.gatehouse.model.Json;
import io.gatehouse.pipeline.Ingress;
import io.gatehouse.pipeline.JsonBody;
import io.gatehouse.pipeline.StreamEnd;
import io.gatehouse.provider.ApiTrait;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.ProviderCall;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenAI Responses API ({@code POST /v1/responses}, {@code GET}/{@code DELETE /v1/responses/{id}},
 * {@code GET /v1/responses/{id}/input_items}) on every provider. {@code openai} and {@code azure-openai} get
 * the client's requests as sent and keep their own responses; every other provider gets the request
 * translated, answers in the Responses format, and has its responses kept in the gateway's
 * {@link ResponseStore}, so {@code previous_response_id}, retrieval and deletion work there too. A
 * conversation the gateway stored can even go on at OpenAI: its turns are sent as input.
 */
public final class ResponsesDialect implements ClientDialect {
    private static final StreamEnd STREAM_END = StreamEnd.byEventType(
            Set.of("response.completed", "response.incomplete", "response.failed", "error"),
            message -> "event: error\ndata: " + Json.object().add("type", "error").add("code", "stream_interrupted")
                    .add("message", message).addNull("param").build() + "\n\n");

    private static final byte[] PREVIOUS_RESPONSE_ID = "previous_response_id".getBytes(StandardCharsets.US_ASCII);

    private final ResponseStore store;

    public ResponsesDialect(ResponseStore store) {
        this.store = store;
    }

    /** {@code POST /v1/responses}; the query string goes on to a provider that speaks the API. */
    public Ingress create(String rawQuery) {
        return DialectIngress.create(this, rawQuery);
    }

    /** {@code GET /v1/responses/{id}}; {@code rawQuery} (OpenAI's {@code include}, …) passes on to a provider that keeps it. */
    public Ingress retrieve(String id, String rawQuery) {
        return new StoredResponseRoute(this, store, StoredResponseRoute.Operation.RETRIEVE, id, rawQuery, null);
    }

    /** {@code DELETE /v1/responses/{id}}. */
    public Ingress delete(String id, String rawQuery) {
        return new StoredResponseRoute(this, store, StoredResponseRoute.Operation.DELETE, id, rawQuery, null);
    }

    /**
     * {@code GET /v1/responses/{id}/input_items}.
     *
     * @param rawQuery the query as sent (passed on to a provider that keeps the response)
     * @param query    the same, decoded (for a response the gateway keeps)
     */
    public Ingress inputItems(String id, String rawQuery, Map<String, String> query) {
        return new StoredResponseRoute(this, store, StoredResponseRoute.Operation.INPUT_ITEMS, id, rawQuery, () -> InputItemsPage.of(query));
    }

    /** Read as a caller of an open gateway: its conversations are every keyless caller's. */
    @Override
    public ClientChat read(JsonObject body) {
        return read(body, store.shelf(ResponseStore.OPEN_GATEWAY));
    }

    /** Continues only the caller's own conversations, and keeps the answer as the caller's. */
    @Override
    public ClientChat read(JsonObject body, RequestContext ctx) {
        return read(body, store.shelf(ResponseStore.ownerOf(ctx.caller())));
    }

    private static ClientChat read(JsonObject body, ResponseStore.Shelf shelf) {
        return new ResponsesChat(ResponsesRequests.read(body, shelf), shelf);
    }

    @Override
    public Optional<Endpoint> nativeEndpoint(ProviderCall call, String path, String rawQuery) {
        if (!call.provider().has(ApiTrait.SERVES_RESPONSES)) {
            return Optional.empty();
        }
        return Optional.of(call.provider().api().dialectEndpoint("/responses", call, path, rawQuery));
    }

    /**
     * A {@code previous_response_id} the gateway stored (the conversation began on another provider) is
     * unknown to OpenAI: its turns go in front of the input instead. Any other body passes as sent.
     */
    @Override
    public JsonBody nativeBody(JsonBody body, RequestContext ctx) {
        if (!mentions(body.raw(), PREVIOUS_RESPONSE_ID)) {
            return body; // most requests: no need to parse
        }
        JsonObject json = body.toJsonObject();
        String previous = Json.string(json, "previous_response_id");
        ResponseStore.Shelf shelf = store.shelf(ResponseStore.ownerOf(ctx.caller()));
        if (previous == null || shelf.get(previous).isEmpty()) {
            return body;
        }
        JsonArrayBuilder input = Json.array();
        ResponsesItems.forNativeInput(shelf.conversation(previous)).forEach(input::add);
        JsonValue own = json.get("input");
        if (own instanceof JsonString text) {
            input.add(Json.object().add("role", "user").add("content", text.getString()));
        } else if (own != null && own.getValueType() == JsonValue.ValueType.ARRAY) {
            own.asJsonArray().forEach(input::add);
        }
        JsonObject expanded = Json.PROVIDER.createObjectBuilder(json).remove("previous_response_id").add("input", input).build();
        return JsonBody.parse(expanded.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static boolean mentions(byte[] body, byte[] word) {
        outer:
        for (int i = 0; i + word.length <= body.length; i++) {
            for (int j = 0; j < word.length; j++) {
                if (body[i + j] != word[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public StreamEnd streamEnd() {
        return STREAM_END;
    }

    @Override
    public byte[] gatewayError(GatewayException error) {
        return ErrorBody.of(error);
    }
}
