package io.gatehouse.usage;

import java.util.Set;

/**
 * OpenAI-format providers that accept {@code stream_options.include_usage}: for their streams the gateway
 * asks for the usage chunk itself (and drops it when the client did not ask), so streamed requests are
 * metered too. Providers not listed (Mistral refuses unknown fields; Azure OpenAI only on recent API
 * versions) are metered when they send usage unasked.
 */
public final class StreamUsageOption {
    private static final Set<String> ACCEPTED = Set.of("openai", "groq", "deepseek", "together-ai", "fireworks-ai",
            "openrouter", "x-ai", "cerebras", "deepinfra", "ollama", "openai-compatible");

    private StreamUsageOption() {
    }

    public static boolean accepted(String providerSlug) {
        return ACCEPTED.contains(providerSlug);
    }
}
