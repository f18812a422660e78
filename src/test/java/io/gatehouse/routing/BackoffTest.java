package io.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(8), new SplittableRandom(1));

    @Test
    void stepsDoubleFromTheBaseUpToTheCap() {
        long[] expected = {500, 1000, 2000, 4000, 8000, 8000, 8000};
        for (int retry = 0; retry < expected.length; retry++) {
            assertEquals(expected[retry], backoff.step(retry), "retry " + retry);
        }
        assertEquals(8000, backoff.step(Integer.MAX_VALUE), "no overflow however many retries");
    }

    @Test
    void equalJitterStaysBetweenHalfAndAllOfTheStepAndSpreads() {
        for (int retry = 0; retry < 6; retry++) {
            long step = backoff.step(retry);
            Set<Long> seen = new HashSet<>();
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < 2000; i++) {
                long wait = backoff.delay(retry).toMillis();
                assertTrue(wait >= step / 2 && wait <= step, "retry " + retry + ": " + wait + " outside [" + step / 2 + ", " + step + "]");
                seen.add(wait);
                min = Math.min(min, wait);
                max = Math.max(max, wait);
            }
            assertTrue(seen.size() > 50, "waits are spread, not fixed: " + seen.size() + " distinct");
            assertTrue(min < step / 2 + step / 20 && max > step - step / 20, "the whole range is used: " + min + ".." + max);
        }
    }

    @Test
    void aCapBelowTheBaseCapsTheFirstStepToo() {
        Backoff tiny = new Backoff(Duration.ofMillis(500), Duration.ofMillis(100), new SplittableRandom(2));
        assertEquals(500, tiny.step(0), "the cap is raised to the base: a base is a promise of rest");
        assertEquals(500, tiny.step(3));
    }
}
