package io.gatehouse.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Round robin over an entry's keys, skipping keys that answered 401/429 until their cool-down ends. */
class KeyRingTest {
    private final AtomicLong clock = new AtomicLong(-5_000_000_000L); // nanoTime may be negative
    private final KeyRing ring = new KeyRing(List.of("k1", "k2", "k3"), Duration.ofSeconds(60), clock::get);

    private List<String> take(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(ring.next().secret());
        }
        return out;
    }

    @Test
    void keysAreUsedInTurn() {
        assertEquals(List.of("k1", "k2", "k3", "k1", "k2", "k3"), take(6));
    }

    @Test
    void aKeyThatAnswered401IsSkippedUntilItsCooldownEnds() {
        KeyRing.Lease first = ring.next();
        ring.report(first, 401);
        assertEquals(List.of("k2", "k3", "k2", "k3"), take(4));

        clock.addAndGet(Duration.ofSeconds(59).toNanos());
        assertEquals(List.of("k2", "k3"), take(2), "still cooling one second before the end");

        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(List.of("k1", "k2", "k3"), take(3), "back in turn once the cool-down is over");
    }

    @Test
    void aThrottledKeyCoolsDownToo() {
        ring.report(ring.next(), 429);
        ring.report(ring.next(), 200);
        assertEquals(List.of("k3", "k2", "k3"), take(3));
    }

    @Test
    void otherStatusesDoNotCoolAKeyDown() {
        for (int status : new int[] {200, 400, 403, 404, 500, 503}) {
            ring.report(new KeyRing.Lease(0, "k1"), status);
        }
        assertEquals(List.of("k1", "k2", "k3"), take(3));
    }

    @Test
    void whenEveryKeyCoolsTheOneFreeSoonestIsUsed() {
        ring.report(new KeyRing.Lease(1, "k2"), 401);
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        ring.report(new KeyRing.Lease(2, "k3"), 401);
        ring.report(new KeyRing.Lease(0, "k1"), 429);
        assertEquals(List.of("k2", "k2", "k2"), take(3));
    }

    @Test
    void anEntryWithoutKeysLendsNone() {
        assertNull(new KeyRing(List.of(), Duration.ofSeconds(1), clock::get).next());
    }

    @Test
    void leasesNeverShowTheSecret() {
        assertEquals("Lease[key #1]", ring.next().toString());
    }

    @Test
    void aReloadKeepsTheCoolDownsOfTheKeysItKeeps() {
        KeyRing.Lease first = ring.next();
        ring.report(first, 429);
        KeyRing reloaded = new KeyRing(List.of("k4", first.secret(), "k2"), Duration.ofSeconds(60), clock::get).keepingCoolDowns(ring);
        for (int i = 0; i < 6; i++) {
            assertNotEquals(first.secret(), reloaded.next().secret(), "still cooling down after the reload");
        }
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < 3; i++) {
            used.add(reloaded.next().secret());
        }
        assertTrue(used.contains(first.secret()), "usable again once its cool-down ends");
    }
}
