package io.gatehouse.provider.vertex;

import io.gatehouse.error.GatewayException;
import io.gatehouse.model.EmbeddingsRequest;
import io.gatehouse.model.EmbeddingsResponse;
import io.gatehouse.model.Json;
import io.gatehouse.model.Usage;
import io.gatehouse.provider.EmbeddingsTranslator;
import io.gatehouse.provider.NativeRequest;
import io.gatehouse.provider.ProviderCall;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI embeddings ⇄ Vertex's {@code :predict} for Google's text-embedding models: each input is an instance
 * {@code {"content": …}}; {@code dimensions} → {@code parameters.outputDimensionality}; Cohere-style
 * {@code input_type} → each instance's {@code task_type}. Each prediction's {@code statistics.token_count} adds
 * up to the prompt tokens.
 */
final class VertexEmbeddingsMapper implements EmbeddingsTranslator {

    @Override
    public NativeRequest request(EmbeddingsRequest r, ProviderCall call) {
        VertexModel model = VertexModel.parse(r.model());
        if (!model.publisher().equals(VertexModel.GOOGLE)) {
            throw GatewayException.badRequest("unsupported_model", "vertex-ai: embeddings are served for Google's models only");
        }
        JsonArrayBuilder instances = Json.array();
        for (String input : r.inputs()) {
            JsonObject instance = Json.object().add("content", input).build();
            if (r.inputType() != null) {
                instance = Json.PROVIDER.createObjectBuilder(instance).add("task_type", r.inputType()).build();
            }
            instances.add(instance);
        }
        var body = Json.object().add("instances", instances);
        if (r.dimensions() != null) {
            body.add("parameters", Json.object().add("outputDimensionality", r.dimensions()));
        }
        return new NativeRequest(VertexProvider.endpoint(call, model, "predict"), body.build());
    }

    @Override
    public EmbeddingsResponse response(JsonObject body, EmbeddingsRequest request) {
        List<double[]> vectors = new ArrayList<>();
        int tokens = 0;
        for (JsonValue v : Json.array(body, "predictions")) {
            JsonObject embeddings = v.getValueType() == JsonValue.ValueType.OBJECT ? Json.object(v.asJsonObject(), "embeddings") : null;
            vectors.add(Json.doubles(embeddings == null ? null : embeddings.get("values")));
            tokens += Json.integer(Json.object(embeddings, "statistics"), "token_count", 0);
        }
        return new EmbeddingsResponse(null, vectors, new Usage(tokens, 0, tokens, null, null));
    }
}
