package io.gatehouse.config;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.util.Set;

/**
 * One model's price in US dollars per million tokens, as providers publish them.
 *
 * @param input       uncached input tokens
 * @param cachedInput input tokens read from the provider's prompt cache, or null (priced as input)
 * @param output      output tokens, reasoning included
 */
public record PriceConfig(
        @NotNull @DecimalMin(value = "0", message = "must be greater than or equal to 0") BigDecimal input,
        @DecimalMin(value = "0", message = "must be greater than or equal to 0") BigDecimal cachedInput,
        @NotNull @DecimalMin(value = "0", message = "must be greater than or equal to 0") BigDecimal output) {

    static PriceConfig read(ConfigObject o) {
        o.allowOnly(Set.of("input", "cached_input", "output"));
        for (String required : new String[] {"input", "output"}) {
            if (!o.has(required)) {
                o.problem(required, "is required (US dollars per million tokens)");
            }
        }
        return new PriceConfig(o.decimal("input"), o.decimal("cached_input"), o.decimal("output"));
    }
}
