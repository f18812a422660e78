package io.gatehouse.pipeline;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

/**
 * What a request may cost in tokens before it is sent, for a key with a token limit to reserve: about a
 * token per four bytes of the request for its input, and for its output the most it asked for
 * ({@code max_tokens}, {@code max_completion_tokens}, {@code max_output_tokens}), else
 * {@link #DEFAULT_OUTPUT_TOKENS}. Settled to the real usage when the answer is charged.
 */
final class TokenEstimate {
    /** The output reserved for a request that sets no maximum. */
    static final long DEFAULT_OUTPUT_TOKENS = 1024;

    private TokenEstimate() {
    }

    /** A unified route's request. */
    static long of(JsonBody body) {
        if (body == null) {
            return DEFAULT_OUTPUT_TOKENS;
        }
        return inputTokens(body.raw().length) + outputTokens(body.toJsonObject());
    }

    /** A proxied request: its body is not read for this; {@code bodyLength} is -1 when unknown. */
    static long ofProxied(long bodyLength) {
        return inputTokens(Math.max(0, bodyLength)) + DEFAULT_OUTPUT_TOKENS;
    }

    private static long inputTokens(long bytes) {
        return (bytes + 3) / 4;
    }

    private static long outputTokens(JsonObject request) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens", "max_output_tokens"}) {
            if (request.get(field) instanceof JsonNumber n && n.isIntegral() && n.longValue() > 0) {
                return n.longValue();
            }
        }
        return DEFAULT_OUTPUT_TOKENS;
    }
}
