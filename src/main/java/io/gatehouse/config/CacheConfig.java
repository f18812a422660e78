package io.gatehouse.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * A config's {@code cache}, parsed and carried to the target; the response cache itself comes later.
 *
 * @param mode   {@code simple} or {@code semantic}
 * @param maxAge {@code max_age} as written, or null
 */
public record CacheConfig(
        @NotNull @Pattern(regexp = "simple|semantic", message = "must be 'simple' or 'semantic'") String mode,
        @PositiveOrZero @Max(LimitsConfig.MAX_SECONDS) Long maxAge) {
}
