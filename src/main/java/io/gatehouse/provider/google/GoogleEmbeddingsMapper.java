package io.gatehouse.provider.google;

import io.gatehouse.model.EmbeddingsRequest;
import io.gatehouse.model.EmbeddingsResponse;
import io.gatehouse.model.Json;
import io.gatehouse.provider.EmbeddingsTranslator;
import io.gatehouse.provider.NativeRequest;
import io.gatehouse.provider.ProviderCall;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI embeddings ⇄ Gemini: one string → {@code :embedContent}, an array → {@code :batchEmbedContents}
 * (one request per input); {@code dimensions} → {@code outputDimensionality}. Gemini reports no token
 * usage for embeddings, so usage is 0.
 */
final class GoogleEmbeddingsMapper implements EmbeddingsTranslator {

    @Override
    public NativeRequest request(EmbeddingsRequest r, ProviderCall call) {
        String model = "models/" + GoogleProvider.modelName(r.model());
        if (r.singleInput()) {
            return new NativeRequest(GoogleProvider.modelEndpoint(call, r.model(), "embedContent"),
                    embedContent(model, r.inputs().get(0), r.dimensions()));
        }
        JsonArrayBuilder requests = Json.array();
        for (String input : r.inputs()) {
            requests.add(embedContent(model, input, r.dimensions()));
        }
        return new NativeRequest(GoogleProvider.modelEndpoint(call, r.model(), "batchEmbedContents"),
                Json.object().add("requests", requests).build());
    }

    private static JsonObject embedContent(String model, String text, Integer dimensions) {
        JsonObjectBuilder b = Json.object().add("model", model)
                .add("content", Json.object().add("parts", Json.array().add(Json.object().add("text", text))));
        Json.put(b, "outputDimensionality", dimensions);
        return b.build();
    }

    @Override
    public EmbeddingsResponse response(JsonObject body, EmbeddingsRequest request) {
        List<double[]> vectors = new ArrayList<>();
        JsonObject single = Json.object(body, "embedding");
        if (single != null) {
            vectors.add(Json.doubles(single.get("values")));
        } else {
            for (JsonValue v : Json.array(body, "embeddings")) {
                vectors.add(Json.doubles(v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject().get("values") : null));
            }
        }
        return new EmbeddingsResponse(null, vectors, null);
    }
}
