package io.gatehouse.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Keeps retries from turning an upstream's bad minute into a storm (Portkey-AI/gateway#1404): per
 * upstream host, the retries of the last {@value #WINDOW_SECONDS} seconds may be at most
 * {@code percent}% of the requests sent there in that time, plus {@code minPerSecond} per second so a
 * quiet host can still retry. The same rule as Finagle's retry budget, kept in one-second buckets.
 */
final class RetryBudget {
    static final int WINDOW_SECONDS = 10;
    /** Hosts tracked before idle ones are forgotten. */
    private static final int MAX_HOSTS = 4096;

    private final int percent;
    private final int minPerSecond;
    private final LongSupplier nanoClock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RetryBudget(int percent, int minPerSecond, LongSupplier nanoClock) {
        this.percent = percent;
        this.minPerSecond = minPerSecond;
        this.nanoClock = nanoClock;
    }

    /** Counts a first attempt to {@code host}. */
    void recordRequest(String host) {
        window(host).add(second(), false);
    }

    /** Takes one retry from {@code host}'s budget; false (and nothing counted) when it is spent. */
    boolean tryRetry(String host) {
        long now = second();
        Window w = window(host);
        synchronized (w) {
            long allowed = (long) minPerSecond * WINDOW_SECONDS + w.sum(w.requests, now) * percent / 100;
            if (w.sum(w.retries, now) >= allowed) {
                return false;
            }
            w.add(now, true);
            return true;
        }
    }

    private long second() {
        return Math.floorDiv(nanoClock.getAsLong(), 1_000_000_000L);
    }

    private Window window(String host) {
        if (windows.size() > MAX_HOSTS) {
            long now = second();
            windows.values().removeIf(w -> w.idleSince(now));
        }
        return windows.computeIfAbsent(host, h -> new Window());
    }

    /** Request and retry counts of the last seconds, one bucket per second. */
    private static final class Window {
        final long[] requests = new long[WINDOW_SECONDS];
        final long[] retries = new long[WINDOW_SECONDS];
        final long[] bucketSecond = new long[WINDOW_SECONDS];
        long lastSecond = Long.MIN_VALUE;

        synchronized void add(long second, boolean retry) {
            int i = (int) Math.floorMod(second, WINDOW_SECONDS);
            if (bucketSecond[i] != second) {
                bucketSecond[i] = second;
                requests[i] = 0;
                retries[i] = 0;
            }
            if (retry) {
                retries[i]++;
            } else {
                requests[i]++;
            }
            lastSecond = second;
        }

        synchronized long sum(long[] counts, long now) {
            long total = 0;
            for (int i = 0; i < WINDOW_SECONDS; i++) {
                if (now - bucketSecond[i] < WINDOW_SECONDS) {
                    total += counts[i];
                }
            }
            return total;
        }

        synchronized boolean idleSince(long now) {
            return now - lastSecond >= WINDOW_SECONDS;
        }
    }
}
