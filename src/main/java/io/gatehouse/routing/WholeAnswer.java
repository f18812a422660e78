package io.gatehouse.routing;

import io.gatehouse.config.MemoryLimits;
import io.gatehouse.upstream.HeapBudget;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.lang.ref.Cleaner;

/**
 * Reads a non-streamed answer whole before it counts as an answer, so one the upstream cuts off midway
 * (a reset, a close before its {@code Content-Length}, a timeout) is a failed attempt, not a {@code 200}
 * whose body breaks off at the client. Bounded by the heap: past {@link MemoryLimits#heldAnswerBytes()}, or
 * when the answers all calls hold have used up {@link HeapBudget#ANSWERS}, the rest is relayed as it comes.
 */
final class WholeAnswer {
    private static final int CHUNK = 64 * 1024;

    private WholeAnswer() {
    }

    /** {@link FirstContent.Result.Ready} with the body replayed, or {@link FirstContent.Result.Failed} when it broke. */
    static FirstContent.Result read(InputStream upstream) {
        return read(upstream, MemoryLimits.OF_THIS_HEAP.heldAnswerBytes(), HeapBudget.ANSWERS);
    }

    static FirstContent.Result read(InputStream upstream, int maxHeld, HeapBudget budget) {
        ByteArrayOutputStream held = new ByteArrayOutputStream(8192);
        byte[] chunk = new byte[CHUNK];
        long taken = 0;
        boolean complete = false;
        try {
            while (held.size() < maxHeld) {
                int n = upstream.read(chunk, 0, Math.min(chunk.length, maxHeld - held.size()));
                if (n == -1) {
                    complete = true;
                    break;
                }
                held.write(chunk, 0, n);
                if (!budget.tryTake(n)) {
                    break; // the heap is spoken for: relay the rest as it comes
                }
                taken += n;
            }
        } catch (InterruptedIOException slow) {
            budget.giveBack(taken);
            return new FirstContent.Result.Failed("the answer stopped coming before the timeout", true);
        } catch (IOException broken) {
            budget.giveBack(taken);
            return new FirstContent.Result.Failed("the connection broke before the answer was complete", false);
        }
        InputStream replay = new GivesBackWhenRead(new ByteArrayInputStream(held.toByteArray()), budget, taken);
        return new FirstContent.Result.Ready(complete ? replay : new SequenceInputStream(replay, upstream));
    }

    /**
     * The held bytes, whose share of the budget is given back once they are read or closed, or, should the
     * answer be dropped unrelayed (the client gone before its body was written), once it is collected.
     */
    private static final class GivesBackWhenRead extends FilterInputStream {
        private static final Cleaner DROPPED = Cleaner.create();
        private final Cleaner.Cleanable giveBack;

        GivesBackWhenRead(InputStream held, HeapBudget budget, long taken) {
            super(held);
            this.giveBack = DROPPED.register(this, () -> budget.giveBack(taken)); // runs once, whichever comes first
        }

        @Override
        public int read() throws IOException {
            return givingBackAtEnd(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return givingBackAtEnd(super.read(b, off, len));
        }

        @Override
        public void close() throws IOException {
            giveBack.clean();
            super.close();
        }

        private int givingBackAtEnd(int result) {
            if (result == -1) {
                giveBack.clean();
            }
            return result;
        }
    }
}
