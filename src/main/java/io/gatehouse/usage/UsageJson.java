package io.gatehouse.usage;

import io.gatehouse.model.Usage;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Token counts read from an answer or a stream event, wherever the format keeps them: OpenAI's
 * {@code usage} (chat, completions, embeddings), the Responses API's and Anthropic's {@code usage}
 * ({@code input_tokens}/{@code output_tokens}, also inside Anthropic's {@code message_start} and the
 * Responses API's {@code response.completed}), Gemini's {@code usageMetadata}, Cohere v2's
 * {@code usage.tokens} / {@code usage.billed_units}. Prompt tokens always include cached ones, completion
 * tokens include reasoning, as in OpenAI's convention.
 */
public final class UsageJson {
    private UsageJson() {
    }

    /** The usage an answer or event carries, or null. */
    public static Usage find(JsonObject answer) {
        if (answer.get("usage") instanceof JsonObject usage) {
            return read(usage);
        }
        for (String wrapper : new String[] {"message", "response"}) {
            if (answer.get(wrapper) instanceof JsonObject inner && inner.get("usage") instanceof JsonObject usage) {
                return read(usage);
            }
        }
        if (answer.get("usageMetadata") instanceof JsonObject gemini) {
            int thoughts = count(gemini, "thoughtsTokenCount");
            int prompt = count(gemini, "promptTokenCount");
            int completion = count(gemini, "candidatesTokenCount") + thoughts;
            return new Usage(prompt, completion, prompt + completion, nullIfZero(count(gemini, "cachedContentTokenCount")),
                    nullIfZero(thoughts));
        }
        return null;
    }

    /** A {@code usage} object in any of the formats above. */
    public static Usage read(JsonObject usage) {
        if (usage.containsKey("prompt_tokens") || usage.containsKey("completion_tokens")) {
            int prompt = count(usage, "prompt_tokens");
            int completion = count(usage, "completion_tokens");
            int total = usage.containsKey("total_tokens") ? count(usage, "total_tokens") : prompt + completion;
            return new Usage(prompt, completion, total, detail(usage, "prompt_tokens_details", "cached_tokens"),
                    detail(usage, "completion_tokens_details", "reasoning_tokens"));
        }
        if (usage.get("tokens") instanceof JsonObject cohere) {
            return read(cohere);
        }
        if (usage.get("billed_units") instanceof JsonObject billed) {
            return read(billed);
        }
        // input_tokens / output_tokens: Anthropic counts cache reads and writes apart from input_tokens.
        int cacheRead = count(usage, "cache_read_input_tokens");
        int prompt = count(usage, "input_tokens") + cacheRead + count(usage, "cache_creation_input_tokens");
        int completion = count(usage, "output_tokens");
        Integer cached = cacheRead > 0 ? Integer.valueOf(cacheRead) : detail(usage, "input_tokens_details", "cached_tokens");
        return new Usage(prompt, completion, prompt + completion, cached, detail(usage, "output_tokens_details", "reasoning_tokens"));
    }

    /** Two reports of one answer's usage (a stream's partial, cumulative counts): the larger count of each. */
    public static Usage merge(Usage a, Usage b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        int prompt = Math.max(a.promptTokens(), b.promptTokens());
        int completion = Math.max(a.completionTokens(), b.completionTokens());
        return new Usage(prompt, completion, Math.max(Math.max(a.totalTokens(), b.totalTokens()), prompt + completion),
                max(a.cachedTokens(), b.cachedTokens()), max(a.reasoningTokens(), b.reasoningTokens()));
    }

    private static Integer max(Integer a, Integer b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return Math.max(a, b);
    }

    private static Integer detail(JsonObject usage, String details, String field) {
        return usage.get(details) instanceof JsonObject d && d.get(field) instanceof JsonNumber n ? n.intValue() : null;
    }

    private static int count(JsonObject o, String field) {
        JsonValue v = o.get(field);
        return v instanceof JsonNumber n ? n.intValue() : 0;
    }

    private static Integer nullIfZero(int n) {
        return n == 0 ? null : n;
    }
}
