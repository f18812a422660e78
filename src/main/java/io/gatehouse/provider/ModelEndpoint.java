package io.gatehouse.provider;

/**
 * Where a chat mapper sends one model's request: the same native API (Gemini's, Anthropic's Messages) is
 * served at different addresses by the vendor and by a cloud (Vertex AI), so the address is given to the mapper.
 */
@FunctionalInterface
public interface ModelEndpoint {
    /** The endpoint for {@code model}, streaming or not, with the provider's headers. */
    Endpoint of(ProviderCall call, String model, boolean stream);
}
