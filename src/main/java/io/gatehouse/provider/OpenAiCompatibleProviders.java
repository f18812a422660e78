package io.gatehouse.provider;

import static io.gatehouse.provider.Capability.CHAT_COMPLETIONS;
import static io.gatehouse.provider.Capability.COMPLETIONS;
import static io.gatehouse.provider.Capability.EMBEDDINGS;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Providers that speak OpenAI's API natively: one row each, no code. Base URLs and prefixes follow
 * each provider's API reference (and Portkey's provider table, so custom hosts get the same paths).
 */
public final class OpenAiCompatibleProviders {
    private static final Set<Capability> ALL = EnumSet.of(CHAT_COMPLETIONS, COMPLETIONS, EMBEDDINGS);
    /** A private server may also rerank in Cohere's shape (TEI, Infinity…). */
    private static final Set<Capability> WITH_RERANK = EnumSet.of(CHAT_COMPLETIONS, COMPLETIONS, EMBEDDINGS, Capability.RERANK);
    private static final Set<String> OPENAI_HEADERS = Set.of("openai-organization", "openai-project", "openai-beta");
    private static final Set<ApiTrait> USAGE_ON_STREAMS = Set.of(ApiTrait.STREAM_USAGE_OPTION);
    private static final Set<ApiTrait> OPENAI = Set.of(ApiTrait.STREAM_USAGE_OPTION, ApiTrait.MAX_COMPLETION_TOKENS,
            ApiTrait.SERVES_RESPONSES);

    private OpenAiCompatibleProviders() {
    }

    public static List<ProviderSpec> table() {
        return List.of(
                row("openai", "https://api.openai.com/v1", "", ALL, OPENAI_HEADERS, OPENAI),
                row("groq", "https://api.groq.com/openai/v1", "", EnumSet.of(CHAT_COMPLETIONS), Set.of(), USAGE_ON_STREAMS),
                row("mistral-ai", "https://api.mistral.ai/v1", "", EnumSet.of(CHAT_COMPLETIONS, EMBEDDINGS), Set.of(), Set.of()),
                row("together-ai", "https://api.together.xyz", "/v1", ALL, Set.of(), USAGE_ON_STREAMS),
                row("deepseek", "https://api.deepseek.com", "/v1", EnumSet.of(CHAT_COMPLETIONS), Set.of(), USAGE_ON_STREAMS),
                row("fireworks-ai", "https://api.fireworks.ai/inference/v1", "", ALL, Set.of(), USAGE_ON_STREAMS),
                row("openrouter", "https://openrouter.ai/api", "/v1", EnumSet.of(CHAT_COMPLETIONS, COMPLETIONS), Set.of(), USAGE_ON_STREAMS),
                row("perplexity-ai", "https://api.perplexity.ai", "", EnumSet.of(CHAT_COMPLETIONS), Set.of(), Set.of()),
                row("x-ai", "https://api.x.ai/v1", "", ALL, Set.of(), USAGE_ON_STREAMS),
                row("cerebras", "https://api.cerebras.ai/v1", "", EnumSet.of(CHAT_COMPLETIONS, COMPLETIONS), Set.of(), USAGE_ON_STREAMS),
                row("deepinfra", "https://api.deepinfra.com/v1/openai", "", ALL, Set.of(), USAGE_ON_STREAMS),
                row("sambanova", "https://api.sambanova.ai", "/v1", EnumSet.of(CHAT_COMPLETIONS, EMBEDDINGS), Set.of(), Set.of()),
                // Local and private servers: no public base URL, so a custom host is required.
                row("ollama", null, "/v1", ALL, Set.of(), USAGE_ON_STREAMS),
                row("openai-compatible", null, "", WITH_RERANK, OPENAI_HEADERS, USAGE_ON_STREAMS));
    }

    private static ProviderSpec row(String slug, String baseUrl, String prefix, Set<Capability> capabilities,
                                    Set<String> passThrough, Set<ApiTrait> traits) {
        return new ProviderSpec(slug, baseUrl, prefix, AuthScheme.BEARER, capabilities, passThrough, List.of(),
                PassThroughApi.OPENAI_COMPATIBLE, traits);
    }
}
