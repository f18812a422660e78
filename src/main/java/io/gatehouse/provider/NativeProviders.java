package io.gatehouse.provider;

import io.gatehouse.provider.anthropic.AnthropicProvider;
import io.gatehouse.provider.azure.AzureProvider;
import io.gatehouse.provider.bedrock.BedrockProvider;
import io.gatehouse.provider.cohere.CohereProvider;
import io.gatehouse.provider.google.GoogleProvider;
import io.gatehouse.provider.vertex.VertexProvider;
import io.gatehouse.provider.voyage.VoyageProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Providers with their own (not OpenAI-shaped) APIs. Those the unified routes translate to live in their
 * own sub-packages; the rest (deepgram) are rows here, reachable through the catch-all proxy only.
 * {@code mistral-ai} and the other OpenAI-compatible providers are in {@link OpenAiCompatibleProviders}.
 *
 * <p>Each proxy base URL already ends with the API version, so {@code /v1/rerank} (the first {@code /v1}
 * stripped) reaches {@code https://api.cohere.ai/v1/rerank}; a custom host replaces the whole base.
 */
public final class NativeProviders {
    private NativeProviders() {
    }

    public static List<ProviderSpec> table() {
        return List.of(
                AnthropicProvider.spec(),
                GoogleProvider.spec(),
                CohereProvider.spec(),
                AzureProvider.spec(),
                BedrockProvider.spec(),
                VoyageProvider.spec(),
                VertexProvider.spec(),
                new ProviderSpec("deepgram", "https://api.deepgram.com/v1", "", AuthScheme.TOKEN,
                        Set.of(), Set.of(), List.of()),
                // Jina's rerank is Cohere's shape, its embeddings OpenAI's.
                new ProviderSpec("jina", "https://api.jina.ai/v1", "", AuthScheme.BEARER,
                        EnumSet.of(Capability.EMBEDDINGS, Capability.RERANK), Set.of(), List.of()));
    }
}
