package io.gatehouse.model;

import java.util.List;

/**
 * Embedding vectors, one per input, in input order.
 *
 * @param model   the model, or null (the request's model is used)
 * @param vectors the vectors
 * @param usage   token counts, or null
 */
public record EmbeddingsResponse(String model, List<double[]> vectors, Usage usage) {
    public EmbeddingsResponse {
        vectors = List.copyOf(vectors);
    }
}
