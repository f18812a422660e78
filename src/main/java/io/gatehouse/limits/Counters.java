package io.gatehouse.limits;

/**
 * Named counters that each count within one window at a time: a count left from an earlier window is
 * dropped the first time a later window touches it. Updates are atomic per name, so several gateway
 * threads — or, with a clustered cache, several gateway nodes — never lose an update.
 */
public interface Counters {

    /** The count of {@code name} in the window starting at {@code windowStart} (epoch ms); 0 when none. */
    long get(String name, long windowStart);

    /** Adds {@code delta} to the count of {@code name} in that window; returns the new count. */
    long add(String name, long windowStart, long delta);

    /**
     * Adds {@code delta} only if the count stays at most {@code limit}; returns the new count, or -1 (and
     * changes nothing) when it would pass the limit.
     */
    long addUpTo(String name, long windowStart, long delta, long limit);
}
