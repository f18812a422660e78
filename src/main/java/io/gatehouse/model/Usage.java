package io.gatehouse.model;

/**
 * Token counts of one answer, as OpenAI reports them.
 *
 * @param promptTokens     every input token, cached ones included
 * @param completionTokens every output token, reasoning included
 * @param totalTokens      their sum (or the provider's own total)
 * @param cachedTokens     input tokens read from a prompt cache ({@code prompt_tokens_details.cached_tokens}), or null
 * @param reasoningTokens  output tokens spent thinking ({@code completion_tokens_details.reasoning_tokens}), or null
 */
public record Usage(int promptTokens, int completionTokens, int totalTokens, Integer cachedTokens, Integer reasoningTokens) {

    public static Usage of(int promptTokens, int completionTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens, null, null);
    }
}
