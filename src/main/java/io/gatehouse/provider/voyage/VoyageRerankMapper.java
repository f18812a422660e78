package io.gatehouse.provider.voyage;

import io.gatehouse.http.Ids;
import io.gatehouse.model.Json;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.NativeRequest;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.RerankTranslator;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;

/**
 * Cohere-shaped rerank ⇄ Voyage's {@code POST /v1/rerank}: {@code top_n} → {@code top_k}, documents as strings
 * (an object document's {@code text}); the answer's {@code data} → Cohere's {@code results}, its
 * {@code usage.total_tokens} kept as {@code meta.billed_units.input_tokens}.
 */
final class VoyageRerankMapper implements RerankTranslator {

    @Override
    public NativeRequest request(JsonObject cohere, ProviderCall call) {
        JsonArrayBuilder documents = Json.array();
        for (JsonValue d : Json.array(cohere, "documents")) {
            documents.add(d instanceof JsonString s ? s.getString()
                    : d instanceof JsonObject o && Json.string(o, "text") != null ? Json.string(o, "text") : d.toString());
        }
        JsonObjectBuilder body = Json.object().add("query", cohere.get("query") == null ? JsonValue.NULL : cohere.get("query"))
                .add("documents", documents);
        Json.put(body, "model", Json.string(cohere, "model"));
        Json.put(body, "top_k", Json.integer(cohere, "top_n"));
        if (cohere.containsKey("return_documents")) {
            body.add("return_documents", Json.isTrue(cohere, "return_documents"));
        }
        return new NativeRequest(new Endpoint(URI.create(call.apiBase() + Capability.RERANK.openAiPath()), call.providerHeaders()),
                body.build());
    }

    @Override
    public JsonObject response(JsonObject nativeBody, JsonObject cohere) {
        JsonArrayBuilder results = Json.array();
        for (JsonValue v : Json.array(nativeBody, "data")) {
            if (v instanceof JsonObject item) {
                JsonObjectBuilder result = Json.object().add("index", Json.integer(item, "index", 0))
                        .add("relevance_score", item.get("relevance_score") == null ? Json.PROVIDER.createValue(0) : item.get("relevance_score"));
                if (Json.string(item, "document") != null) {
                    result.add("document", Json.object().add("text", Json.string(item, "document")));
                }
                results.add(result);
            }
        }
        return Json.object().add("id", Ids.uuid()).add("results", results)
                .add("meta", Json.object().add("billed_units",
                        Json.object().add("input_tokens", Json.integer(Json.object(nativeBody, "usage"), "total_tokens", 0))))
                .build();
    }
}
