package io.gatehouse.config;

import java.time.Duration;

/**
 * The response cache's bounds, from {@code gatehouse.properties} ({@code cache.*}). In memory: at most
 * {@code maxEntries} answers (least recently used evicted first) holding at most {@code maxBytes} together,
 * an answer larger than {@code maxEntryBytes} not kept at all.
 *
 * @param enabled          whether requests may use the cache at all ({@code cache.enabled}); when false every
 *                         answer says {@code DISABLED}
 * @param maxEntries       answers kept at most
 * @param maxBytes         bytes of answers kept at most
 * @param maxEntryBytes    the largest answer kept
 * @param defaultMaxAge    how long an answer is kept when the request gives no {@code max_age}
 * @param maxAgeCap        the longest an answer is kept, whatever {@code max_age} asks
 * @param similarity       semantic mode: the least cosine similarity of two prompts that count as one
 * @param semanticPerTenant semantic mode: prompts indexed per tenant at most (oldest dropped first)
 * @param semanticTenants  semantic mode: tenants indexed at most (least recently used dropped first)
 */
public record ResponseCacheSettings(boolean enabled, int maxEntries, long maxBytes, int maxEntryBytes,
                                    Duration defaultMaxAge, Duration maxAgeCap, double similarity,
                                    int semanticPerTenant, int semanticTenants) {
    public static final ResponseCacheSettings DEFAULTS = new ResponseCacheSettings(true, 10_000, 64L << 20, 1 << 20,
            Duration.ofDays(1), Duration.ofDays(7), 0.95, 2_000, 1_000);
}
