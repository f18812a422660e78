package io.gatehouse.upstream;

import io.gatehouse.config.MemoryLimits;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that calls may hold at once, shared by all of them: per-call limits alone let forty calls each
 * hold their share. Taking never waits: a call that gets nothing holds less or is refused.
 */
public final class HeapBudget {
    /** Answers held whole (to check they are complete, or to translate them), across this JVM. */
    public static final HeapBudget ANSWERS = new HeapBudget(MemoryLimits.OF_THIS_HEAP.allAnswersBytes());

    private final AtomicLong free;

    public HeapBudget(long bytes) {
        this.free = new AtomicLong(bytes);
    }

    /** Takes {@code bytes} if that many are free; otherwise takes nothing. */
    public boolean tryTake(long bytes) {
        long before;
        do {
            before = free.get();
            if (before < bytes) {
                return false;
            }
        } while (!free.compareAndSet(before, before - bytes));
        return true;
    }

    public void giveBack(long bytes) {
        free.addAndGet(bytes);
    }

    public long free() {
        return free.get();
    }
}
