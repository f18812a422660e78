package io.gatehouse.provider.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AccessTokensTest {
    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private final TestClock clock = new TestClock();
    private final AtomicInteger exchanges = new AtomicInteger();

    /** Issues {@code token-N} living {@code lifetime} from the clock's now. */
    private AccessTokens.Exchange issuing(Duration lifetime) {
        return () -> new AccessTokens.Token("token-" + exchanges.incrementAndGet(), clock.instant().plus(lifetime));
    }

    @Test
    void anHourLongTokenIsKeptUntilFiveMinutesBeforeItExpires() throws IOException {
        AccessTokens tokens = new AccessTokens(clock, 16);
        assertEquals("token-1", tokens.token("sa", issuing(Duration.ofHours(1))));
        clock.advance(Duration.ofMinutes(54).plusSeconds(59));
        assertEquals("token-1", tokens.token("sa", issuing(Duration.ofHours(1))));
        clock.advance(Duration.ofSeconds(1)); // 55 min: 5 min before expiry
        assertEquals("token-2", tokens.token("sa", issuing(Duration.ofHours(1))));
        assertEquals("token-2", tokens.token("sa", issuing(Duration.ofHours(1))));
        assertEquals(2, exchanges.get());
    }

    @Test
    void aShortLivedTokenIsRefreshedAtHalfItsLifetime() throws IOException {
        AccessTokens tokens = new AccessTokens(clock, 16);
        assertEquals("token-1", tokens.token("sa", issuing(Duration.ofMinutes(4))));
        clock.advance(Duration.ofMinutes(2).minusSeconds(1));
        assertEquals("token-1", tokens.token("sa", issuing(Duration.ofMinutes(4))));
        clock.advance(Duration.ofSeconds(1));
        assertEquals("token-2", tokens.token("sa", issuing(Duration.ofMinutes(4))));
    }

    @Test
    void eachCredentialHasItsOwnToken() throws IOException {
        AccessTokens tokens = new AccessTokens(clock, 16);
        assertEquals("token-1", tokens.token("a", issuing(Duration.ofHours(1))));
        assertEquals("token-2", tokens.token("b", issuing(Duration.ofHours(1))));
        assertEquals("token-1", tokens.token("a", issuing(Duration.ofHours(1))));
        assertEquals("token-2", tokens.token("b", issuing(Duration.ofHours(1))));
    }

    @Test
    void manyCallsAtOnceMakeOneExchange() throws Exception {
        AccessTokens tokens = new AccessTokens(clock, 16);
        CountDownLatch exchangeStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AccessTokens.Exchange slow = () -> {
            exchangeStarted.countDown();
            try {
                assertTrue(release.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            return issuing(Duration.ofHours(1)).fetch();
        };
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(threads.submit(() -> tokens.token("sa", slow)));
            }
            assertTrue(exchangeStarted.await(10, TimeUnit.SECONDS));
            Thread.sleep(100); // let the other calls queue behind the first
            release.countDown();
            for (Future<String> call : calls) {
                assertEquals("token-1", call.get(10, TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, exchanges.get());
    }

    @Test
    void aFailedRefreshKeepsUsingTheTokenUntilItExpiresAndIsNotRemembered() throws IOException {
        AccessTokens tokens = new AccessTokens(clock, 16);
        assertEquals("token-1", tokens.token("sa", issuing(Duration.ofHours(1))));
        AccessTokens.Exchange failing = () -> {
            exchanges.incrementAndGet();
            throw new IOException("token endpoint down");
        };
        clock.advance(Duration.ofMinutes(56)); // due for refresh, not expired
        assertEquals("token-1", tokens.token("sa", failing));
        clock.advance(Duration.ofMinutes(4)); // expired
        assertThrows(IOException.class, () -> tokens.token("sa", failing));
        assertEquals("token-4", tokens.token("sa", issuing(Duration.ofHours(1))), "the next call tries again");
    }

    @Test
    void theLeastRecentlyUsedCredentialIsForgottenBeyondTheBound() throws IOException {
        AccessTokens tokens = new AccessTokens(clock, 2);
        tokens.token("a", issuing(Duration.ofHours(1)));
        tokens.token("b", issuing(Duration.ofHours(1)));
        tokens.token("a", issuing(Duration.ofHours(1)));
        tokens.token("c", issuing(Duration.ofHours(1))); // b goes
        assertEquals("token-1", tokens.token("a", issuing(Duration.ofHours(1))));
        assertEquals("token-4", tokens.token("b", issuing(Duration.ofHours(1))));
    }
}
