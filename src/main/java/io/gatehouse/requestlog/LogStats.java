package io.gatehouse.requestlog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The request log summed over a window: per provider and model, per gateway key, and over time.
 *
 * @param byModel per provider and model, busiest first
 * @param byKey   per gateway key, busiest first
 * @param series  per time bucket, oldest first (buckets without requests left out)
 * @param byProviderOverTime tokens and cost per provider per time bucket, oldest first
 */
public record LogStats(List<ModelStats> byModel, List<KeyStats> byKey, List<Bucket> series, List<ProviderBucket> byProviderOverTime) {

    /** @param p50LatencyMs the median latency; {@code p95LatencyMs} the 95th percentile */
    public record ModelStats(String provider, String model, long requests, long errors, double p50LatencyMs,
                             double p95LatencyMs, long inputTokens, long outputTokens, BigDecimal costUsd) {
    }

    public record KeyStats(String keyName, long requests, long inputTokens, long outputTokens, BigDecimal costUsd) {
    }

    /**
     * @param cacheLookups requests whose answer said a cache status (HIT, MISS, …); {@code cacheHits} of them hits
     */
    public record Bucket(Instant start, long requests, long errors, double p50LatencyMs, double p95LatencyMs,
                         long cacheLookups, long cacheHits) {
    }

    public record ProviderBucket(Instant start, String provider, long tokens, BigDecimal costUsd) {
    }
}
