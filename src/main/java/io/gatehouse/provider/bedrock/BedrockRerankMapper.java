package io.gatehouse.provider.bedrock;

import io.gatehouse.error.GatewayException;
import io.gatehouse.http.Ids;
import io.gatehouse.model.Json;
import io.gatehouse.provider.NativeRequest;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.RerankTranslator;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Cohere-shaped rerank ⇄ the Bedrock Agent Runtime {@code Rerank} API ({@code POST /rerank} on
 * {@code bedrock-agent-runtime}): the query becomes a {@code TEXT} query, each document an inline text source
 * (an object document's {@code text}, or the object as JSON), the model its ARN in
 * {@code bedrockRerankingConfiguration} (a bare model id is made the region's foundation-model ARN), and
 * {@code top_n} the number of results. The answer's results come back in Cohere's shape, documents included
 * when {@code return_documents} is true, with one billed search unit; Bedrock's {@code nextToken} paging is
 * not followed.
 */
final class BedrockRerankMapper implements RerankTranslator {
    private final BedrockRequests requests;

    BedrockRerankMapper(BedrockRequests requests) {
        this.requests = requests;
    }

    @Override
    public NativeRequest request(JsonObject cohere, ProviderCall call) {
        String model = Json.string(cohere, "model");
        String query = Json.string(cohere, "query");
        JsonArray documents = Json.array(cohere, "documents");
        if (model == null || query == null || documents.isEmpty()) {
            throw GatewayException.badRequest("invalid_body", "Invalid request: rerank needs model, query and documents");
        }
        JsonArrayBuilder sources = Json.array();
        for (JsonValue document : documents) {
            sources.add(Json.object().add("type", "INLINE").add("inlineDocumentSource", Json.object().add("type", "TEXT")
                    .add("textDocument", Json.object().add("text", text(document)))));
        }
        String region = BedrockOptions.read(call.clientHeaders(), call.targetFields()).regionOrDefault();
        String arn = model.startsWith("arn:") ? model : "arn:aws:bedrock:" + region + "::foundation-model/" + model;
        JsonObjectBuilder configuration = Json.object().add("modelConfiguration", Json.object().add("modelArn", arn));
        configuration.add("numberOfResults", Json.integer(cohere, "top_n", documents.size()));
        JsonObject body = Json.object()
                .add("queries", Json.array().add(Json.object().add("type", "TEXT").add("textQuery", Json.object().add("text", query))))
                .add("sources", sources)
                .add("rerankingConfiguration", Json.object().add("type", "BEDROCK_RERANKING_MODEL")
                        .add("bedrockRerankingConfiguration", configuration))
                .build();
        return requests.post(call, BedrockRequests.Api.AGENT_RUNTIME, "/rerank", body);
    }

    /** A string document as it is; an object's {@code text}, else the object as JSON text. */
    private static String text(JsonValue document) {
        if (document instanceof JsonString s) {
            return s.getString();
        }
        if (document instanceof JsonObject o && Json.string(o, "text") != null) {
            return Json.string(o, "text");
        }
        return document.toString();
    }

    @Override
    public JsonObject response(JsonObject nativeBody, JsonObject cohere) {
        boolean returnDocuments = Json.isTrue(cohere, "return_documents");
        JsonArray documents = Json.array(cohere, "documents");
        JsonArrayBuilder results = Json.array();
        for (JsonValue v : Json.array(nativeBody, "results")) {
            if (!(v instanceof JsonObject result)) {
                continue;
            }
            int index = Json.integer(result, "index", 0);
            JsonObjectBuilder out = Json.object().add("index", index);
            out.add("relevance_score", result.get("relevanceScore") != null ? result.get("relevanceScore") : Json.PROVIDER.createValue(0));
            if (returnDocuments && index >= 0 && index < documents.size()) {
                out.add("document", Json.object().add("text", text(documents.get(index))));
            }
            results.add(out);
        }
        return Json.object()
                .add("id", Ids.uuid())
                .add("results", results)
                .add("meta", Json.object().add("billed_units", Json.object().add("search_units", 1)))
                .build();
    }
}
