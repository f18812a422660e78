package io.gatehouse.requestlog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes records off the request path: a bounded queue that one background thread drains in batches.
 * When the queue is full a new record is dropped and counted — a request never waits for the log.
 * A batch waits up to {@link #LINGER_MILLIS} for more records after its first, so a steady trickle is
 * written a few times a second, not in one transaction per request (each commit costs the store a write).
 */
public final class RecordQueue implements RequestLogSink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RecordQueue.class.getName());
    static final long LINGER_MILLIS = 250;

    private final BlockingQueue<RequestRecord> queue;
    private final int batchSize;
    private final Consumer<List<RequestRecord>> writer;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final Thread drainer;
    private volatile boolean closing;

    /**
     * @param writer writes one batch (on the drain thread); a batch it fails on is logged and lost, so a
     *               database outage cannot fill the heap
     */
    public RecordQueue(int capacity, int batchSize, Consumer<List<RequestRecord>> writer) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.writer = writer;
        this.drainer = new Thread(this::drain, "gatehouse-request-log");
        drainer.setDaemon(true);
    }

    /** Starts the drain thread. */
    public RecordQueue start() {
        drainer.start();
        return this;
    }

    @Override
    public void accept(RequestRecord record) {
        if (closing || !queue.offer(record)) {
            dropped.incrementAndGet();
        }
    }

    /** Records dropped because the queue was full (or the log closing). */
    public long dropped() {
        return dropped.get();
    }

    /** Records handed to the writer without it failing. */
    public long written() {
        return written.get();
    }

    /** Records waiting. */
    public int pending() {
        return queue.size();
    }

    private void drain() {
        List<RequestRecord> batch = new ArrayList<>(batchSize);
        while (!closing || !queue.isEmpty()) {
            try {
                RequestRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                fill(batch);
                write(batch);
            } catch (InterruptedException e) {
                if (!closing) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                batch.clear();
            }
        }
    }

    /** Adds what arrives within the linger time, up to the batch size; at once when closing. */
    private void fill(List<RequestRecord> batch) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
        while (batch.size() < batchSize) {
            queue.drainTo(batch, batchSize - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= batchSize || closing || left <= 0) {
                return;
            }
            RequestRecord next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    private void write(List<RequestRecord> batch) {
        try {
            writer.accept(batch);
            written.addAndGet(batch.size());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request log: " + batch.size() + " records could not be written", e);
        }
    }

    /** Stops taking records, writes those queued (for at most {@code timeoutMillis}) and stops the thread. */
    public void close(long timeoutMillis) {
        closing = true;
        try {
            drainer.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(5000);
    }
}
