package io.gatehouse.routing;

import io.gatehouse.config.RetryConfig;
import java.util.Set;

/**
 * A target's effective retry rule.
 *
 * @param attempts            retries after the first attempt (0: never retry)
 * @param onStatusCodes       answers that are retried; connection failures are retried whenever attempts remain
 * @param useRetryAfterHeader whether a 429/503's {@code retry-after} headers set the wait
 */
public record RetryPolicy(int attempts, Set<Integer> onStatusCodes, boolean useRetryAfterHeader) {
    /** Portkey's default list, used when {@code retry} gives attempts but no status codes. */
    public static final Set<Integer> DEFAULT_STATUS_CODES = Set.of(429, 500, 502, 503, 504);
    public static final RetryPolicy NONE = new RetryPolicy(0, Set.of(), true);

    public RetryPolicy {
        onStatusCodes = Set.copyOf(onStatusCodes);
    }

    static RetryPolicy of(RetryConfig config) {
        int attempts = Math.toIntExact(config.attempts());
        if (attempts == 0) {
            return NONE;
        }
        Set<Integer> codes = config.onStatusCodes() != null ? Set.copyOf(config.onStatusCodes()) : DEFAULT_STATUS_CODES;
        return new RetryPolicy(attempts, codes, config.useRetryAfterHeader() == null || config.useRetryAfterHeader());
    }

    public boolean retries(int status) {
        return attempts > 0 && onStatusCodes.contains(status);
    }
}
