package io.gatehouse.access;

import java.math.BigDecimal;

/** At most {@code usd} US dollars spent per calendar {@code period} (UTC). */
public record Budget(BigDecimal usd, BudgetPeriod period) {
}
