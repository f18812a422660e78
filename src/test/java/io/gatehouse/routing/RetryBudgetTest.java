package io.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    /** 20% of requests, plus 1 retry per second (10 per 10-second window). */
    private final RetryBudget budget = new RetryBudget(20, 1, nanos::get);

    @Test
    void aQuietHostGetsTheFloor() {
        assertEquals(10, retriesAllowed("a"), "floor: 1 per second over the 10 s window");
    }

    @Test
    void retriesGrowWithTrafficAtTheConfiguredRatio() {
        for (int i = 0; i < 100; i++) {
            budget.recordRequest("a");
        }
        assertEquals(10 + 20, retriesAllowed("a"), "floor + 20% of 100 requests");
    }

    @Test
    void hostsHaveSeparateBudgets() {
        assertEquals(10, retriesAllowed("a"));
        assertTrue(budget.tryRetry("b"), "a failing host does not spend another's budget");
    }

    @Test
    void theBudgetRefillsAsTheWindowSlides() {
        assertEquals(10, retriesAllowed("a"));
        advanceSeconds(5);
        assertFalse(budget.tryRetry("a"), "the spent retries are still inside the window");
        advanceSeconds(6);
        assertEquals(10, retriesAllowed("a"), "11 s later they have left it");
    }

    @Test
    void refusedRetriesAreNotCounted() {
        assertEquals(10, retriesAllowed("a"));
        for (int i = 0; i < 5; i++) {
            budget.recordRequest("a");
        }
        assertEquals(1, retriesAllowed("a"), "5 more requests buy exactly one more retry at 20%");
    }

    private int retriesAllowed(String host) {
        int n = 0;
        while (budget.tryRetry(host)) {
            n++;
            if (n > 10_000) {
                throw new AssertionError("budget never runs out");
            }
        }
        return n;
    }

    private void advanceSeconds(int s) {
        nanos.addAndGet(s * 1_000_000_000L);
    }

    @Test
    void clientChosenHostsCannotGrowItWithoutBound() {
        for (int i = 0; i < 20_000; i++) {
            budget.recordRequest("host-" + i + ".example");
        }
        assertTrue(budget.trackedHosts() <= RetryBudget.MAX_HOSTS + 1, "tracked: " + budget.trackedHosts());
        assertTrue(budget.tryRetry("one-more.example"), "hosts beyond the bound share one budget, still judged");
    }
}
