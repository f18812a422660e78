package io.gatehouse.config;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A config's {@code cache}: whether and how the response cache answers the requests routed by it.
 *
 * @param mode       {@code simple} or {@code semantic}
 * @param maxAge     {@code max_age} in seconds, or null (the gateway's default)
 * @param similarity semantic mode's least cosine similarity of two prompts that share an answer, or null
 *                   (the gateway's {@code cache.similarity})
 */
public record CacheConfig(
        @NotNull @Pattern(regexp = "simple|semantic", message = "must be 'simple' or 'semantic'") String mode,
        @PositiveOrZero @Max(LimitsConfig.MAX_SECONDS) Long maxAge,
        @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0")
        @DecimalMax(value = "1", message = "must be at most 1") Double similarity) {

    public CacheConfig(String mode, Long maxAge) {
        this(mode, maxAge, null);
    }
}
