package io.gatehouse.provider;

import io.gatehouse.model.EmbeddingsRequest;
import io.gatehouse.model.EmbeddingsResponse;
import jakarta.json.JsonObject;

/** Embeddings in a provider's own API. Stateless and shared. */
public interface EmbeddingsTranslator {
    NativeRequest request(EmbeddingsRequest request, ProviderCall call);

    EmbeddingsResponse response(JsonObject body, EmbeddingsRequest request);
}
