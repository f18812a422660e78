package io.gatehouse.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.util.List;

/**
 * Limits of a gateway key or a catalog entry, as written in {@code server-config/}: requests and tokens
 * per window, and spending budgets per calendar period. Every field is optional; absent means unlimited.
 *
 * @param requests      requests per window
 * @param tokens        tokens (input + output) per window
 * @param windowSeconds the window's length, 60 by default (requests and tokens per minute)
 * @param budgets       spending caps, each for one period
 */
public record LimitsConfig(
        @Positive Long requests,
        @Positive Long tokens,
        @Positive @Max(MAX_SECONDS) Long windowSeconds,
        List<@Valid @NotNull Budget> budgets) {

    public static final long DEFAULT_WINDOW_SECONDS = 60;
    /** The longest window, cool-down or cache age taken, in seconds (a leap year): larger ones are refused. */
    public static final long MAX_SECONDS = 366L * 24 * 3600;

    public LimitsConfig {
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
    }

    /**
     * A spending cap: at most {@code usd} per UTC calendar {@code period}.
     *
     * @param usd    the cap in US dollars
     * @param period {@code hour}, {@code day} or {@code month}
     */
    public record Budget(
            @NotNull @DecimalMin(value = "0", inclusive = false, message = "must be greater than 0") BigDecimal usd,
            @NotNull @Pattern(regexp = "hour|day|month", message = "must be hour, day or month") String period) {
    }

    static LimitsConfig read(ConfigObject o) {
        o.allowOnly(java.util.Set.of("requests", "tokens", "window_seconds", "budgets"));
        List<ConfigObject> budgets = o.children("budgets");
        return new LimitsConfig(o.wholeNumber("requests"), o.wholeNumber("tokens"), o.wholeNumber("window_seconds"),
                budgets == null ? null : budgets.stream().map(LimitsConfig::budget).toList());
    }

    private static Budget budget(ConfigObject o) {
        o.allowOnly(java.util.Set.of("usd", "period"));
        if (!o.has("usd")) {
            o.problem("usd", "is required");
        }
        if (!o.has("period")) {
            o.problem("period", "is required: hour, day or month");
        }
        return new Budget(o.decimal("usd"), o.string("period"));
    }
}
