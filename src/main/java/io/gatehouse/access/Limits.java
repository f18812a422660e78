package io.gatehouse.access;

import io.gatehouse.config.LimitsConfig;
import java.time.Duration;
import java.util.List;

/**
 * The limits of one gateway key or catalog entry: requests and tokens per fixed window, and spending
 * budgets per calendar period. Null counts mean unlimited.
 *
 * @param requests requests per window, or null
 * @param tokens   tokens (input + output) per window, or null
 * @param window   the window (a minute unless configured)
 * @param budgets  spending caps
 */
public record Limits(Long requests, Long tokens, Duration window, List<Budget> budgets) {
    public static final Limits NONE = new Limits(null, null, Duration.ofSeconds(LimitsConfig.DEFAULT_WINDOW_SECONDS), List.of());

    public Limits {
        budgets = List.copyOf(budgets);
    }

    public static Limits of(LimitsConfig config) {
        if (config == null) {
            return NONE;
        }
        long seconds = config.windowSeconds() != null ? config.windowSeconds() : LimitsConfig.DEFAULT_WINDOW_SECONDS;
        return new Limits(config.requests(), config.tokens(), Duration.ofSeconds(seconds),
                config.budgets().stream().map(b -> new Budget(b.usd(), BudgetPeriod.valueOf(b.period().toUpperCase(java.util.Locale.ROOT)))).toList());
    }

    public boolean isEmpty() {
        return requests == null && tokens == null && budgets.isEmpty();
    }
}
