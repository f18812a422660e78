package io.gatehouse.provider;

/**
 * How the gateway speaks to a provider on the unified routes: either it passes the client's OpenAI body
 * through ({@link PassThroughApi}: OpenAI and the compatible family, Azure OpenAI) or it translates to the
 * provider's own API and back ({@link TranslatingApi}: Anthropic, Gemini, Cohere).
 */
public sealed interface ProviderApi permits PassThroughApi, TranslatingApi {

    /** Refuses, before any attempt, a target this provider cannot reach: no public endpoint and no custom host. */
    default void requireReachable(ProviderSpec spec, String customHostOrNull) {
        spec.apiBase(customHostOrNull);
    }
}
