package io.gatehouse.model;

import java.util.List;

/**
 * An embeddings request in canonical form.
 *
 * @param model          model name
 * @param inputs         the texts to embed
 * @param singleInput    whether {@code input} was one string rather than an array
 * @param encodingFormat {@code float} (default) or {@code base64}
 * @param dimensions     requested vector size, or null
 * @param user           end-user id, or null
 * @param inputType      Cohere's {@code input_type} when the client sent one, or null
 */
public record EmbeddingsRequest(String model, List<String> inputs, boolean singleInput, String encodingFormat,
                                Integer dimensions, String user, String inputType) {
    public EmbeddingsRequest {
        inputs = List.copyOf(inputs);
    }
}
