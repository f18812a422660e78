package io.gatehouse.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * A config's {@code retry} as written.
 *
 * @param attempts            retries after the first attempt, 0 to {@value #MAX_ATTEMPTS}; more are refused
 *                            (Portkey documents "up to 5" but does not enforce it)
 * @param onStatusCodes       statuses that are retried, or null for the default list
 * @param useRetryAfterHeader whether {@code retry-after}-style headers set the wait; null means yes
 */
public record RetryConfig(
        @NotNull @Min(0) @Max(MAX_ATTEMPTS) Long attempts,
        List<@Min(100) @Max(599) Integer> onStatusCodes,
        Boolean useRetryAfterHeader) {

    public static final int MAX_ATTEMPTS = 5;

    public RetryConfig {
        onStatusCodes = onStatusCodes == null ? null : List.copyOf(onStatusCodes);
    }
}
