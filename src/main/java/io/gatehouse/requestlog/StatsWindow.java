package io.gatehouse.requestlog;

import java.time.Duration;

/** The windows {@code /admin/stats} summarises, each with the bucket its series over time is cut into. */
public enum StatsWindow {
    HOUR("1h", Duration.ofHours(1), Duration.ofMinutes(1)),
    DAY("24h", Duration.ofDays(1), Duration.ofMinutes(15)),
    WEEK("7d", Duration.ofDays(7), Duration.ofHours(2));

    private final String wireName;
    private final Duration length;
    private final Duration bucket;

    StatsWindow(String wireName, Duration length, Duration bucket) {
        this.wireName = wireName;
        this.length = length;
        this.bucket = bucket;
    }

    /** @throws IllegalArgumentException for anything but {@code 1h}, {@code 24h}, {@code 7d} (null: 24h) */
    public static StatsWindow parse(String value) {
        if (value == null || value.isBlank()) {
            return DAY;
        }
        for (StatsWindow w : values()) {
            if (w.wireName.equals(value.strip())) {
                return w;
            }
        }
        throw new IllegalArgumentException("window must be 1h, 24h or 7d, not '" + value + "'");
    }

    public String wireName() {
        return wireName;
    }

    public Duration length() {
        return length;
    }

    public Duration bucket() {
        return bucket;
    }
}
