package io.gatehouse.provider.cohere;

import io.gatehouse.model.EmbeddingsRequest;
import io.gatehouse.model.EmbeddingsResponse;
import io.gatehouse.model.Json;
import io.gatehouse.model.Usage;
import io.gatehouse.provider.EmbeddingsTranslator;
import io.gatehouse.provider.NativeRequest;
import io.gatehouse.provider.ProviderCall;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI embeddings ⇄ Cohere embed v2: {@code texts}, {@code embedding_types: ["float"]}, and the
 * {@code input_type} Cohere requires, {@value #DEFAULT_INPUT_TYPE} unless the client sent its own
 * {@code input_type}; {@code dimensions} → {@code output_dimension}. Usage is Cohere's billed input tokens.
 */
final class CohereEmbeddingsMapper implements EmbeddingsTranslator {
    static final String DEFAULT_INPUT_TYPE = "search_document";

    @Override
    public NativeRequest request(EmbeddingsRequest r, ProviderCall call) {
        JsonArrayBuilder texts = Json.array();
        r.inputs().forEach(texts::add);
        JsonObjectBuilder body = Json.object()
                .add("model", r.model())
                .add("texts", texts)
                .add("input_type", r.inputType() != null ? r.inputType() : DEFAULT_INPUT_TYPE)
                .add("embedding_types", Json.array().add("float"));
        Json.put(body, "output_dimension", r.dimensions());
        return new NativeRequest(CohereProvider.v2(call, "embed"), body.build());
    }

    @Override
    public EmbeddingsResponse response(JsonObject body, EmbeddingsRequest request) {
        JsonValue embeddings = body.get("embeddings");
        // v2 answers by type ({"float": [[…]]}); older answers are a bare array of float vectors.
        JsonArray vectors = embeddings != null && embeddings.getValueType() == JsonValue.ValueType.OBJECT
                ? Json.array(embeddings.asJsonObject(), "float")
                : embeddings != null && embeddings.getValueType() == JsonValue.ValueType.ARRAY ? embeddings.asJsonArray()
                : JsonValue.EMPTY_JSON_ARRAY;
        List<double[]> out = new ArrayList<>(vectors.size());
        for (JsonValue v : vectors) {
            out.add(Json.doubles(v));
        }
        int tokens = Json.integer(Json.object(Json.object(body, "meta"), "billed_units"), "input_tokens", 0);
        return new EmbeddingsResponse(null, out, Usage.of(tokens, 0));
    }
}
