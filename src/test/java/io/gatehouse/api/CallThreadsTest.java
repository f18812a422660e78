package io.gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletRequest;
import java.lang.reflect.Proxy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bound on calls in flight: what is refused, and that every way a call ends gives its place back. */
class CallThreadsTest {
    /** A request outside any container: there is no connection to watch, so none is. */
    private static final ServletRequest REQUEST = (ServletRequest) Proxy.newProxyInstance(
            CallThreadsTest.class.getClassLoader(), new Class<?>[] {ServletRequest.class}, (proxy, method, args) -> null);

    @Test
    void aCallBeyondTheBoundIsRefusedAndItsPlaceComesBackWhenACallEnds() throws Exception {
        try (CallThreads threads = CallThreads.start(2)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch ended = new CountDownLatch(2);
            Runnable held = () -> {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    ended.countDown();
                }
            };
            assertNull(threads.run(REQUEST, held));
            assertNull(threads.run(REQUEST, held));
            assertEquals(CallThreads.Refusal.AT_CAPACITY, threads.run(REQUEST, () -> { }));
            assertEquals(2, threads.inFlight(), "the calls held, as /metrics reports them");
            assertTrue(new String(threads.refusalBody(CallThreads.Refusal.AT_CAPACITY)).contains("too_many_calls_in_flight"));

            release.countDown();
            assertTrue(ended.await(10, TimeUnit.SECONDS));
            assertNull(runAndWait(threads, () -> { }), "places are given back once calls end");
        }
    }

    @Test
    void aCallThatFailsGivesItsPlaceBackToo() throws Exception {
        try (CallThreads threads = CallThreads.start(1)) {
            assertNull(runAndWait(threads, () -> {
                throw new IllegalStateException("a bug in a call");
            }));
            assertNull(runAndWait(threads, () -> { }), "the failed call's place was given back");
        }
    }

    @Test
    void noCallStartsOnceShuttingDown() {
        CallThreads threads = CallThreads.start(4);
        threads.close();
        assertEquals(CallThreads.Refusal.SHUTTING_DOWN, threads.run(REQUEST, () -> { }));
    }

    /**
     * Starts {@code call} as soon as a place is free, waiting up to 5 s (a place is given back just after its
     * call returns, on the call's thread); a place that never comes back leaves it refused.
     */
    private static CallThreads.Refusal runAndWait(CallThreads threads, Runnable call) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        CallThreads.Refusal refused;
        while ((refused = threads.run(REQUEST, call)) == CallThreads.Refusal.AT_CAPACITY && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return refused;
    }
}
