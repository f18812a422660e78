package io.gatehouse.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * Keeps retries from turning an upstream's bad minute into a storm (Portkey-AI/gateway#1404): per
 * upstream host, the retries of the last {@value #WINDOW_SECONDS} seconds may be at most
 * {@code percent}% of the requests sent there in that time, plus {@code minPerSecond} per second so a
 * quiet host can still retry. The same rule as Finagle's retry budget, kept in one-second buckets.
 */
final class RetryBudget {
    static final int WINDOW_SECONDS = 10;
    /**
     * Hosts tracked at most (clients choose custom hosts): past it, idle ones are forgotten, and while the
     * map is still full every new host shares one overflow budget.
     */
    static final int MAX_HOSTS = 4096;

    private final int percent;
    private final int minPerSecond;
    private final LongSupplier nanoClock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Window overflow = new Window();

    RetryBudget(int percent, int minPerSecond, LongSupplier nanoClock) {
        this.percent = percent;
        this.minPerSecond = minPerSecond;
        this.nanoClock = nanoClock;
    }

    /** Counts a first attempt to {@code host}. */
    void recordRequest(String host) {
        window(host).add(second(), false);
    }

    /**
     * Takes one retry from {@code host}'s budget; false (and nothing counted) when it is spent. Lock-free,
     * so concurrent retries may overshoot the budget by the few that raced: a budget, not a quota.
     */
    boolean tryRetry(String host) {
        long now = second();
        Window w = window(host);
        long allowed = (long) minPerSecond * WINDOW_SECONDS + w.sum(false, now) * percent / 100;
        if (w.sum(true, now) >= allowed) {
            return false;
        }
        w.add(now, true);
        return true;
    }

    private long second() {
        return Math.floorDiv(nanoClock.getAsLong(), 1_000_000_000L);
    }

    private Window window(String host) {
        Window known = windows.get(host);
        if (known != null) {
            return known;
        }
        if (windows.size() >= MAX_HOSTS) {
            long now = second();
            windows.values().removeIf(w -> w.idleSince(now));
            if (windows.size() >= MAX_HOSTS) {
                return overflow;
            }
        }
        return windows.computeIfAbsent(host, h -> new Window());
    }

    /** Hosts with a budget of their own (for tests). */
    int trackedHosts() {
        return windows.size();
    }

    /**
     * Request and retry counts of the last seconds, one bucket per second. Every request passes here, so
     * it takes no lock: a bucket whose second has passed is swapped for a fresh one by compare-and-set
     * (a count racing with the swap may be lost, which a budget can afford).
     */
    private static final class Window {
        private final AtomicReferenceArray<Bucket> buckets = new AtomicReferenceArray<>(WINDOW_SECONDS);
        private volatile long lastSecond = Long.MIN_VALUE;

        Window() {
            for (int i = 0; i < WINDOW_SECONDS; i++) {
                buckets.set(i, new Bucket(Long.MIN_VALUE));
            }
        }

        void add(long second, boolean retry) {
            int i = (int) Math.floorMod(second, WINDOW_SECONDS);
            Bucket b = buckets.get(i);
            while (b.second != second) {
                Bucket fresh = new Bucket(second);
                if (buckets.compareAndSet(i, b, fresh)) {
                    b = fresh;
                } else {
                    b = buckets.get(i);
                }
            }
            (retry ? b.retries : b.requests).incrementAndGet();
            lastSecond = second;
        }

        long sum(boolean retries, long now) {
            long total = 0;
            for (int i = 0; i < WINDOW_SECONDS; i++) {
                Bucket b = buckets.get(i);
                if (now - b.second < WINDOW_SECONDS) {
                    total += (retries ? b.retries : b.requests).get();
                }
            }
            return total;
        }

        boolean idleSince(long now) {
            return now - lastSecond >= WINDOW_SECONDS;
        }
    }

    private static final class Bucket {
        final long second;
        final AtomicLong requests = new AtomicLong();
        final AtomicLong retries = new AtomicLong();

        Bucket(long second) {
            this.second = second;
        }
    }
}
