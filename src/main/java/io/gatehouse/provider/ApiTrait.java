package io.gatehouse.provider;

/**
 * What a provider's API accepts or serves beyond its row's basics, so that the pipeline and the client
 * dialects ask the provider table instead of keeping lists of slugs.
 */
public enum ApiTrait {
    /**
     * Accepts {@code stream_options.include_usage} on OpenAI-format chat streams: the gateway asks for the
     * usage chunk itself (and drops it when the client did not ask), so streamed requests are metered too.
     * Providers without it (Mistral refuses unknown fields; Azure OpenAI only on recent API versions) are
     * metered when they send usage unasked.
     */
    STREAM_USAGE_OPTION,
    /** Takes the output limit as {@code max_completion_tokens} (reasoning models require it), not {@code max_tokens}. */
    MAX_COMPLETION_TOKENS,
    /** Serves Anthropic's Messages API itself ({@code {base}/messages}): those calls pass through. */
    SERVES_MESSAGES,
    /** Serves OpenAI's Responses API itself ({@code {base}/responses}): those calls pass through. */
    SERVES_RESPONSES
}
