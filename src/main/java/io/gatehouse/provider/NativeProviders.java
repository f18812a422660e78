package io.gatehouse.provider;

import io.gatehouse.context.Header;
import java.util.List;
import java.util.Set;

/**
 * Providers with their own (not OpenAI-shaped) APIs, reachable through the catch-all proxy: where their
 * API lives and how it authenticates. They serve no unified route yet; their translations live in their
 * own sub-packages as they are added. {@code mistral-ai} and the other OpenAI-compatible providers are in
 * {@link OpenAiCompatibleProviders} and are proxied the same way.
 *
 * <p>Each base URL already ends with the API version, so {@code /v1/rerank} (the first {@code /v1}
 * stripped) reaches {@code https://api.cohere.ai/v1/rerank}; a custom host replaces the whole base.
 */
public final class NativeProviders {
    private NativeProviders() {
    }

    public static List<ProviderSpec> table() {
        return List.of(
                // x-api-key; anthropic-version defaults to 2023-06-01 unless the client sends its own.
                row("anthropic", "https://api.anthropic.com/v1", AuthScheme.X_API_KEY,
                        Set.of("anthropic-version", "anthropic-beta"),
                        List.of(new Header("anthropic-version", "2023-06-01"))),
                row("cohere", "https://api.cohere.ai/v1", AuthScheme.BEARER, Set.of(), List.of()),
                // Gemini (AI Studio): the key in x-goog-api-key rather than ?key=, so it never sits in a URL.
                row("google", "https://generativelanguage.googleapis.com/v1beta", AuthScheme.GOOG_API_KEY,
                        Set.of(), List.of()),
                row("deepgram", "https://api.deepgram.com/v1", AuthScheme.TOKEN, Set.of(), List.of()));
    }

    private static ProviderSpec row(String slug, String baseUrl, AuthScheme auth, Set<String> passThrough,
                                    List<Header> defaults) {
        return new ProviderSpec(slug, baseUrl, "", auth, Set.of(), passThrough, defaults);
    }
}
