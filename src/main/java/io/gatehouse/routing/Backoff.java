package io.gatehouse.routing;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with equal jitter: before retry {@code n} (0-based) the step is
 * {@code min(cap, base·2ⁿ)} and the wait a uniformly random time between half the step and the whole
 * step. The jitter spreads retries of many clients apart (Portkey waits a fixed 1, 2, 4, 8 s);
 * keeping half the step guarantees the upstream some rest.
 */
final class Backoff {
    private final long baseMillis;
    private final long capMillis;
    private final RandomGenerator random;

    Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.baseMillis = base.toMillis();
        this.capMillis = Math.max(cap.toMillis(), baseMillis);
        this.random = random;
    }

    Duration delay(int retry) {
        long step = step(retry);
        long half = step / 2;
        return Duration.ofMillis(half + random.nextLong(step - half + 1));
    }

    /** The un-jittered step: the longest {@link #delay} can be. */
    long step(int retry) {
        long step = Math.min(baseMillis, capMillis);
        for (int i = 0; i < retry && step < capMillis; i++) {
            step = step > capMillis / 2 ? capMillis : step * 2;
        }
        return step;
    }
}
