package io.gatehouse.cache;

import io.gatehouse.config.CacheConfig;
import io.gatehouse.config.ResponseCacheSettings;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.RequestHeaders;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What one attempt asks of the cache: the target's config {@code cache} (inherited down the tree) first,
 * else the {@code x-portkey-cache} header; {@code x-portkey-cache-force-refresh: true} skips the lookup.
 *
 * @param mode         how answers are matched
 * @param maxAge       how long the answer is kept: {@code max_age} seconds, else the gateway's default, never
 *                     beyond its cap
 * @param forceRefresh whether the lookup is skipped (the new answer is still kept)
 * @param similarity   semantic mode's threshold: the config's {@code cache.similarity}, else the gateway's
 */
record CacheRequest(CacheMode mode, Duration maxAge, boolean forceRefresh, double similarity) {
    static final String MODE_HEADER = "x-portkey-cache";
    static final String FORCE_REFRESH_HEADER = "x-portkey-cache-force-refresh";

    /** The attempt's cache request, or empty when it asked for none. */
    static Optional<CacheRequest> of(CacheConfig config, RequestHeaders headers, ResponseCacheSettings settings) {
        CacheMode mode;
        Duration maxAge = settings.defaultMaxAge();
        double similarity = settings.similarity();
        if (config != null) {
            if (config.similarity() != null) {
                similarity = config.similarity();
            }
            mode = CacheMode.parse(config.mode(), "config cache.mode");
            if (config.maxAge() != null) {
                maxAge = Duration.ofSeconds(config.maxAge());
            }
        } else {
            String header = headers.first(MODE_HEADER);
            if (header == null || header.isBlank()) {
                return Optional.empty();
            }
            mode = CacheMode.parse(header, MODE_HEADER);
        }
        if (maxAge.compareTo(settings.maxAgeCap()) > 0) {
            maxAge = settings.maxAgeCap();
        }
        return Optional.of(new CacheRequest(mode, maxAge, forceRefresh(headers), similarity));
    }

    private static boolean forceRefresh(RequestHeaders headers) {
        String value = headers.first(FORCE_REFRESH_HEADER);
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw GatewayException.badRequest("invalid_cache_header",
                    FORCE_REFRESH_HEADER + " must be true or false, not '" + value + "'");
        };
    }
}
