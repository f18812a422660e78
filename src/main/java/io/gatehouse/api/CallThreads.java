package io.gatehouse.api;

import io.gatehouse.error.ErrorBody;
import jakarta.servlet.ServletRequest;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Where in-flight calls run once the container thread has let go of them (servlet async): one virtual
 * thread per call on JDK 21+, so a call waiting seconds on a model costs a few kilobytes of heap and no
 * thread; the blocking upstream client runs unchanged on it. On JDK 17 each call gets a platform thread
 * instead (still off the container's fixed pool, but a megabyte of stack each).
 *
 * <p>Looked up by name because the WAR is compiled for JDK 17, so it still deploys on a JDK 17 server.
 */
public final class CallThreads implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CallThreads.class.getName());

    /** Why a call did not start. */
    public enum Refusal {
        /** {@code calls.max-in-flight} calls are running. */
        AT_CAPACITY,
        SHUTTING_DOWN
    }

    private final ExecutorService executor;
    private final boolean virtual;
    private final Semaphore slots;
    private final int maxInFlight;

    private CallThreads(ExecutorService executor, boolean virtual, int maxInFlight) {
        this.executor = executor;
        this.virtual = virtual;
        this.maxInFlight = maxInFlight;
        this.slots = new Semaphore(maxInFlight);
    }

    /** @param maxInFlight calls held at once; a call beyond is refused, never queued on the heap */
    public static CallThreads start(int maxInFlight) {
        try {
            ExecutorService virtualThreads = (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class))
                    .invoke();
            return new CallThreads(virtualThreads, true, maxInFlight);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            LOG.warning("JDK " + Runtime.version().feature() + " has no virtual threads: each in-flight call holds a "
                    + "platform thread. Run Gatehouse on JDK 21 or later (24+ recommended) to hold thousands of calls.");
            return new CallThreads(Executors.newCachedThreadPool(platformThreads()), false, maxInFlight);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create the call executor", e);
        }
    }

    /** True when calls run on virtual threads. */
    public boolean virtual() {
        return virtual;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    /** Calls running now. */
    public int inFlight() {
        return maxInFlight - slots.availablePermits();
    }

    /**
     * Runs {@code call} on its own thread; null when it started, else why not. When the client of
     * {@code request} hangs up, the thread is interrupted: on a virtual thread that closes the upstream
     * socket it waits on, so the upstream call ends as soon as the container notices.
     */
    public Refusal run(ServletRequest request, Runnable call) {
        if (!slots.tryAcquire()) {
            return Refusal.AT_CAPACITY;
        }
        try {
            executor.execute(() -> {
                Thread callThread = Thread.currentThread();
                try (ClientConnection.Watch watch = ClientConnection.onHangUp(request, callThread::interrupt)) {
                    call.run();
                } finally {
                    slots.release();
                    Thread.interrupted();
                }
            });
            return null;
        } catch (RejectedExecutionException shuttingDown) {
            slots.release();
            return Refusal.SHUTTING_DOWN;
        }
    }

    /** The JSON 503 body for a call that did not start. */
    public byte[] refusalBody(Refusal refusal) {
        return refusal == Refusal.AT_CAPACITY
                ? ErrorBody.of("The gateway is holding its limit of " + maxInFlight + " calls in flight; retry shortly",
                        "server_overloaded", "too_many_calls_in_flight")
                : ErrorBody.of("The gateway is shutting down", "server_overloaded", "shutting_down");
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            // In-flight streams end on their own or when their client goes; undeploy does not wait for them long.
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory platformThreads() {
        AtomicLong count = new AtomicLong();
        return task -> {
            Thread thread = new Thread(task, "gatehouse-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
