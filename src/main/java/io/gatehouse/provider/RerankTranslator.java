package io.gatehouse.provider;

import jakarta.json.JsonObject;

/**
 * Rerank in a provider's own API. The unified rerank shape is Cohere's: a request with {@code model},
 * {@code query}, {@code documents} (strings, or objects with {@code text}), {@code top_n},
 * {@code return_documents}; an answer with {@code id}, {@code results} ({@code index},
 * {@code relevance_score}, {@code document}) and {@code meta.billed_units}. Stateless and shared.
 */
public interface RerankTranslator {
    /** The native request for a Cohere-shaped body. */
    NativeRequest request(JsonObject cohereRequest, ProviderCall call);

    /** A successful native answer in Cohere's shape. */
    JsonObject response(JsonObject nativeBody, JsonObject cohereRequest);
}
