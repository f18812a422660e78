package io.gatehouse.routing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;

/**
 * Reads a non-streamed answer whole before it counts as an answer, so one the upstream cuts off midway
 * (a reset, a close before its {@code Content-Length}, a timeout) is a failed attempt, not a {@code 200}
 * whose body breaks off at the client. Bounded: past {@link #MAX_HELD_BYTES}, the rest is relayed as it comes.
 */
final class WholeAnswer {
    static final int MAX_HELD_BYTES = 32 * 1024 * 1024;

    private WholeAnswer() {
    }

    /** {@link FirstContent.Result.Ready} with the body replayed, or {@link FirstContent.Result.Failed} when it broke. */
    static FirstContent.Result read(InputStream upstream) {
        byte[] held;
        try {
            held = upstream.readNBytes(MAX_HELD_BYTES);
        } catch (InterruptedIOException slow) {
            return new FirstContent.Result.Failed("the answer stopped coming before the timeout", true);
        } catch (IOException broken) {
            return new FirstContent.Result.Failed("the connection broke before the answer was complete", false);
        }
        InputStream replay = new ByteArrayInputStream(held);
        return new FirstContent.Result.Ready(held.length < MAX_HELD_BYTES ? replay : new SequenceInputStream(replay, upstream));
    }
}
