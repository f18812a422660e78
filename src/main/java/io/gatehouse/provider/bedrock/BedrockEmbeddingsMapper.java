package io.gatehouse.provider.bedrock;

import io.gatehouse.error.GatewayException;
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
 * OpenAI embeddings ⇄ InvokeModel ({@code POST /model/{modelId}/invoke}) for the two families Bedrock embeds
 * with. Amazon Titan takes one text per call ({@code inputText}; {@code dimensions} carried over) and reports
 * {@code inputTextTokenCount}; several inputs are refused (400) rather than sent as several calls. Cohere
 * takes {@code texts} with the {@code input_type} it requires ({@value #DEFAULT_INPUT_TYPE} unless the
 * client sent one) and reports no usage.
 */
final class BedrockEmbeddingsMapper implements EmbeddingsTranslator {
    static final String DEFAULT_INPUT_TYPE = "search_document";
    private final BedrockRequests requests;

    BedrockEmbeddingsMapper(BedrockRequests requests) {
        this.requests = requests;
    }

    @Override
    public NativeRequest request(EmbeddingsRequest r, ProviderCall call) {
        String family = BedrockModels.family(r.model());
        JsonObjectBuilder body = Json.object();
        switch (family) {
            case "amazon" -> {
                if (r.inputs().size() != 1) {
                    throw GatewayException.badRequest("invalid_body",
                            "Invalid request: Amazon Titan embeds one input per request; got " + r.inputs().size());
                }
                body.add("inputText", r.inputs().get(0));
                Json.put(body, "dimensions", r.dimensions());
            }
            case "cohere" -> {
                JsonArrayBuilder texts = Json.array();
                r.inputs().forEach(texts::add);
                body.add("texts", texts).add("input_type", r.inputType() != null ? r.inputType() : DEFAULT_INPUT_TYPE)
                        .add("embedding_types", Json.array().add("float"));
                Json.put(body, "output_dimension", r.dimensions());
            }
            default -> throw GatewayException.badRequest("unsupported_model",
                    "Bedrock embeddings are served for Amazon Titan (amazon.*) and Cohere (cohere.*) models, not '" + r.model() + "'");
        }
        return requests.post(call, BedrockRequests.Api.RUNTIME, "/model/" + BedrockModels.pathSegment(r.model()) + "/invoke",
                body.build());
    }

    @Override
    public EmbeddingsResponse response(JsonObject body, EmbeddingsRequest request) {
        if (body.containsKey("embedding")) { // Titan
            return new EmbeddingsResponse(null, List.of(Json.doubles(body.get("embedding"))),
                    Usage.of(Json.integer(body, "inputTextTokenCount", 0), 0));
        }
        JsonValue embeddings = body.get("embeddings");
        // Asked by type ({"float": [[…]]}); older answers are a bare array of float vectors.
        JsonArray vectors = embeddings instanceof JsonObject byType ? Json.array(byType, "float")
                : embeddings instanceof JsonArray array ? array : JsonValue.EMPTY_JSON_ARRAY;
        List<double[]> out = new ArrayList<>(vectors.size());
        for (JsonValue v : vectors) {
            out.add(Json.doubles(v));
        }
        return new EmbeddingsResponse(null, out, Usage.of(0, 0));
    }
}
