package io.gatehouse.telemetry;

import java.time.Instant;

/** Wall-clock time in nanoseconds since the epoch, as OTLP timestamps are. */
final class EpochNanos {
    private EpochNanos() {
    }

    static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
