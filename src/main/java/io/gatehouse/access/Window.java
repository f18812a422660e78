package io.gatehouse.access;

import java.time.Duration;
import java.time.Instant;

/**
 * One fixed counting window, {@code [start, end)}. Rate limits count in fixed windows aligned to the epoch
 * (a 60-second window starts on the minute), budgets in calendar periods: simple, exact arithmetic, at the
 * price of allowing up to twice the limit across a window boundary.
 */
public record Window(Instant start, Instant end) {

    /** The fixed window of {@code length} containing {@code now}. */
    public static Window fixed(Instant now, Duration length) {
        long lengthMillis = length.toMillis();
        long start = Math.floorDiv(now.toEpochMilli(), lengthMillis) * lengthMillis;
        return new Window(Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + lengthMillis));
    }

    /** Time until the window ends, as seen at {@code now}. */
    public Duration remaining(Instant now) {
        Duration left = Duration.between(now, end);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** A name for the window that every node of a cluster derives alike: its start in epoch milliseconds. */
    public String id() {
        return Long.toString(start.toEpochMilli());
    }
}
