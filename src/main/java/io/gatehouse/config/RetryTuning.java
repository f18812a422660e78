package io.gatehouse.config;

import java.time.Duration;

/**
 * Server-wide retry settings ({@code retry.*} in {@code gatehouse.properties}); a config's {@code retry}
 * decides whether and how often to retry, these decide how long to wait and how much retrying the
 * gateway allows in total.
 *
 * @param backoffBase            the first backoff step; each retry doubles it
 * @param backoffCap             the largest backoff step
 * @param maxRetryAfter          the longest single wait a {@code retry-after} header may ask for; longer → no retry
 * @param maxWaitPerRequest      all waits of one request together; a wait beyond it → no retry
 * @param budgetPercent          retries allowed per upstream host, as a percentage of its recent requests…
 * @param budgetMinPerSecond     …plus this many retries per second, so a quiet host can still retry
 */
public record RetryTuning(
        Duration backoffBase,
        Duration backoffCap,
        Duration maxRetryAfter,
        Duration maxWaitPerRequest,
        int budgetPercent,
        int budgetMinPerSecond) {

    public static final RetryTuning DEFAULTS = new RetryTuning(
            Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(30), Duration.ofSeconds(60), 20, 10);
}
