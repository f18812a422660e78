package io.gatehouse.limits;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.access.Budget;
import io.gatehouse.access.BudgetPeriod;
import io.gatehouse.access.Limits;
import io.gatehouse.access.Window;
import io.gatehouse.http.Header;
import io.gatehouse.model.Usage;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Limit arithmetic on the real JCache counters (Ehcache), with a clock the test moves across window edges. */
class AdmissionTest {
    private final JCacheCounters counters = JCacheCounters.create(JCacheCounters.EHCACHE, "test-" + System.nanoTime());
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-21T10:00:58Z"));
    private final Admission admission = new Admission(counters, now::get);

    @AfterEach
    void close() {
        counters.close();
    }

    private static Limits limits(Long requests, Long tokens, long windowSeconds, Budget... budgets) {
        return new Limits(requests, tokens, Duration.ofSeconds(windowSeconds), List.of(budgets));
    }

    private static Map<String, String> headers(LimitExceeded e) {
        return e.responseHeaders().stream().collect(Collectors.toMap(Header::name, Header::value));
    }

    private LimitExceeded refused(Limits limits) {
        LimitExceeded e = org.junit.jupiter.api.Assertions.assertThrows(LimitExceeded.class,
                () -> admission.admit("key:t", "gateway key 't'", limits));
        assertEquals(429, e.status());
        return e;
    }

    @Test
    void requestsPerWindowEndExactlyAtTheWindowEdge() {
        Limits two = limits(2L, null, 60);
        admission.admit("key:t", "gateway key 't'", two);
        admission.admit("key:t", "gateway key 't'", two);

        LimitExceeded e = refused(two);
        assertEquals("rate_limit_exceeded", e.code());
        assertEquals("rate_limit_error", e.type().wireName());
        assertEquals(Map.of("retry-after", "2", "x-ratelimit-limit-requests", "2", "x-ratelimit-remaining-requests", "0",
                "x-ratelimit-reset-requests", "2s"), headers(e));

        now.set(Instant.parse("2026-11-21T10:00:59.999Z"));
        assertEquals("1", headers(refused(two)).get("retry-after"), "a millisecond left still means one second");

        now.set(Instant.parse("2026-11-21T10:01:00Z"));
        admission.admit("key:t", "gateway key 't'", two);
        admission.admit("key:t", "gateway key 't'", two);
        refused(two);
    }

    @Test
    void refusedRequestsAreNotCounted() {
        Limits one = limits(1L, null, 10);
        admission.admit("key:t", "k", one);
        for (int i = 0; i < 5; i++) {
            refused(one);
        }
        now.set(Instant.parse("2026-11-21T10:01:00Z"));
        admission.admit("key:t", "k", one);
    }

    @Test
    void windowsOfAnyLengthAlignToTheEpoch() {
        Window w = Window.fixed(Instant.parse("2026-11-21T10:00:58Z"), Duration.ofSeconds(7));
        assertEquals(0, w.start().getEpochSecond() % 7);
        assertTrue(!w.start().isAfter(Instant.parse("2026-11-21T10:00:58Z")) && w.end().isAfter(Instant.parse("2026-11-21T10:00:58Z")));
        assertEquals(Duration.ofSeconds(7), Duration.between(w.start(), w.end()));
    }

    @Test
    void tokensAreChargedAfterTheAnswerAndRefuseTheNextRequestOnceSpent() {
        Limits hundred = limits(null, 100L, 60);
        admission.admit("key:t", "k", hundred);
        admission.charge("key:t", hundred, new Usage(40, 20, 60, null, null), null);
        admission.admit("key:t", "k", hundred);
        admission.charge("key:t", hundred, new Usage(30, 20, 50, null, null), null); // 110: one answer may go past

        LimitExceeded e = refused(hundred);
        assertEquals(Map.of("retry-after", "2", "x-ratelimit-limit-tokens", "100", "x-ratelimit-remaining-tokens", "0",
                "x-ratelimit-reset-tokens", "2s"), headers(e));

        now.set(Instant.parse("2026-11-21T10:01:00Z"));
        admission.admit("key:t", "k", hundred);
    }

    @Test
    void aDailyBudgetRefusesUntilMidnightUtc() {
        Limits oneDollar = limits(null, null, 60, new Budget(new BigDecimal("1.00"), BudgetPeriod.DAY));
        admission.charge("key:t", oneDollar, null, new BigDecimal("0.6"));
        admission.admit("key:t", "gateway key 't'", oneDollar);
        admission.charge("key:t", oneDollar, null, new BigDecimal("0.400000001"));

        now.set(Instant.parse("2026-11-21T23:59:59.500Z"));
        LimitExceeded e = refused(oneDollar);
        assertEquals("budget_exceeded", e.code());
        assertEquals("insufficient_quota", e.type().wireName());
        assertEquals("1", headers(e).get("retry-after"));
        assertTrue(e.getMessage().contains("daily budget of $1.00 for gateway key 't' is spent ($1.000000)"), e.getMessage());
        assertTrue(e.getMessage().contains("2026-11-22T00:00:00Z"), e.getMessage());

        now.set(Instant.parse("2026-11-22T00:00:00Z"));
        admission.admit("key:t", "gateway key 't'", oneDollar);
    }

    @Test
    void aMonthlyBudgetRenewsOnTheFirst() {
        now.set(Instant.parse("2026-01-31T23:00:00Z"));
        Limits five = limits(null, null, 60, new Budget(new BigDecimal("5"), BudgetPeriod.MONTH));
        admission.charge("entry:e", five, null, new BigDecimal("5"));
        LimitExceeded e = (LimitExceeded) assertGatewayError(429, "budget_exceeded", () -> admission.admit("entry:e", "e", five));
        assertEquals("3600", headers(e).get("retry-after"));
        now.set(Instant.parse("2026-02-01T00:00:00Z"));
        admission.admit("entry:e", "e", five);
    }

    @Test
    void hourlyBudgetPeriods() {
        Window hour = BudgetPeriod.HOUR.at(Instant.parse("2026-11-21T10:59:59Z"));
        assertEquals(Instant.parse("2026-11-21T10:00:00Z"), hour.start());
        assertEquals(Instant.parse("2026-11-21T11:00:00Z"), hour.end());
    }

    @Test
    void theCheapestRequestStillCosts() {
        assertEquals(1, Admission.nanoDollars(new BigDecimal("0.0000000001")));
        assertEquals(1_500_000_000L, Admission.nanoDollars(new BigDecimal("1.5")));
    }

    @Test
    void resetsAreWrittenAsOpenAiDoes() {
        assertEquals("1s", LimitExceeded.resetIn(Duration.ofMillis(1)));
        assertEquals("59s", LimitExceeded.resetIn(Duration.ofSeconds(59)));
        assertEquals("6m0s", LimitExceeded.resetIn(Duration.ofMinutes(6)));
        assertEquals("2h0m1s", LimitExceeded.resetIn(Duration.ofSeconds(7201)));
    }

    @Test
    void concurrentUpdatesAreNeverLostAndNeverPassTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger admitted = new AtomicInteger();
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 500; i++) {
                    counters.add("c", 0, 1);
                    if (counters.addUpTo("limited", 0, 1, 1000) > 0) {
                        admitted.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(4000, counters.get("c", 0));
        assertEquals(1000, admitted.get());
        assertEquals(1000, counters.get("limited", 0));
        assertEquals(0, counters.get("c", 1), "another window starts from zero");
    }
}
