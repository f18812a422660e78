package io.gatehouse.access;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The calendar periods a budget counts in, in UTC: a budget resets at the start of the next hour, day or
 * month, whatever it was spent on.
 */
public enum BudgetPeriod {
    HOUR, DAY, MONTH;

    /** The period containing {@code now}: its start (inclusive) and end (exclusive). */
    public Window at(Instant now) {
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        ZonedDateTime start = switch (this) {
            case HOUR -> t.truncatedTo(ChronoUnit.HOURS);
            case DAY -> t.truncatedTo(ChronoUnit.DAYS);
            case MONTH -> LocalDate.of(t.getYear(), t.getMonth(), 1).atStartOfDay(ZoneOffset.UTC);
        };
        ZonedDateTime end = switch (this) {
            case HOUR -> start.plusHours(1);
            case DAY -> start.plusDays(1);
            case MONTH -> start.plusMonths(1);
        };
        return new Window(start.toInstant(), end.toInstant());
    }

    /** {@code hourly}, {@code daily}, {@code monthly}. */
    public String adjective() {
        return this == DAY ? "daily" : wireName() + "ly";
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
