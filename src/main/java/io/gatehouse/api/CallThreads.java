package io.gatehouse.api;

import jakarta.servlet.ServletRequest;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    private final ExecutorService executor;
    private final boolean virtual;

    private CallThreads(ExecutorService executor, boolean virtual) {
        this.executor = executor;
        this.virtual = virtual;
    }

    public static CallThreads start() {
        try {
            ExecutorService virtualThreads = (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class))
                    .invoke();
            return new CallThreads(virtualThreads, true);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            LOG.warning("JDK " + Runtime.version().feature() + " has no virtual threads: each in-flight call holds a "
                    + "platform thread. Run Gatehouse on JDK 21 or later (24+ recommended) to hold thousands of calls.");
            return new CallThreads(Executors.newCachedThreadPool(platformThreads()), false);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create the call executor", e);
        }
    }

    /** True when calls run on virtual threads. */
    public boolean virtual() {
        return virtual;
    }

    /**
     * Runs {@code call} on its own thread; false when the gateway is shutting down and took no new call.
     * When the client of {@code request} hangs up, the thread is interrupted: on a virtual thread that closes
     * the upstream socket it waits on, so the upstream call ends at once, whether it streams or is silent.
     */
    public boolean run(ServletRequest request, Runnable call) {
        try {
            executor.execute(() -> {
                Thread callThread = Thread.currentThread();
                try (ClientConnection.Watch watch = ClientConnection.onHangUp(request, callThread::interrupt)) {
                    call.run();
                } finally {
                    Thread.interrupted();
                }
            });
            return true;
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            return false;
        }
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
