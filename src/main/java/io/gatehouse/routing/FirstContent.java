package io.gatehouse.routing;

import io.gatehouse.upstream.SseFramer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Holds back the start of an upstream event stream until its first real content, so a stream that
 * fails before then — an error event, a reset, an end with nothing in it — can still be retried or
 * fall back, exactly like a JSON answer. Nothing reaches the client meanwhile: lifecycle events
 * (role-only chunks, pings, {@code message_start}) are held, then replayed in order, byte for byte,
 * followed by the rest of the stream.
 *
 * <p>Holding is bounded: past {@link #MAX_HELD_BYTES} without content, the stream is let through.
 */
final class FirstContent {
    static final int MAX_HELD_BYTES = 1 << 20;

    /** What the start of a stream showed. */
    sealed interface Result {
        /** Content (or a complete stream) arrived: relay {@code stream}, which replays what was read. */
        record Ready(InputStream stream) implements Result {
        }

        /** The stream failed before content; {@code timedOut} when the attempt's time ran out. */
        record Failed(String reason, boolean timedOut) implements Result {
        }
    }

    private FirstContent() {
    }

    /**
     * Reads {@code upstream} until the first content event.
     *
     * @param startNanos when the attempt began ({@code nanoClock} time)
     * @param timeout    the attempt's time limit (the request timeout), or null for none
     */
    static Result await(InputStream upstream, long startNanos, Duration timeout, LongSupplier nanoClock) {
        return await(upstream, startNanos, timeout, nanoClock, true);
    }

    /**
     * Reads {@code upstream} until its first event of any kind (an error event or an end included: the
     * relay passes those on). With nothing left to try, this is all that is held: a stream that breaks or
     * times out before it is still a failed attempt, answered with a JSON error, not a 200 that says nothing.
     */
    static Result awaitFirstEvent(InputStream upstream, long startNanos, Duration timeout, LongSupplier nanoClock) {
        return await(upstream, startNanos, timeout, nanoClock, false);
    }

    private static Result await(InputStream upstream, long startNanos, Duration timeout, LongSupplier nanoClock,
                                boolean untilContent) {
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        SseFramer framer = new SseFramer();
        Watch watch = new Watch(untilContent);
        byte[] buffer = new byte[4096];
        while (true) {
            int n;
            try {
                n = upstream.read(buffer);
            } catch (InterruptedIOException slow) {
                return new Result.Failed("no content before the timeout", true);
            } catch (IOException broken) {
                return new Result.Failed("the connection broke before any content", false);
            }
            try {
                if (n == -1) {
                    framer.finish(watch); // a last event the upstream did not end with a blank line
                } else {
                    held.write(buffer, 0, n);
                    framer.feed(buffer, 0, n, watch);
                }
            } catch (IOException oversized) {
                return new Result.Failed(oversized.getMessage(), false);
            }
            if (!untilContent && (watch.seen || n == -1)) {
                return new Result.Ready(new SequenceInputStream(new ByteArrayInputStream(held.toByteArray()), upstream));
            }
            if (watch.error != null) {
                return new Result.Failed("the upstream sent an error: " + watch.error, false);
            }
            if (watch.ready || held.size() > MAX_HELD_BYTES) {
                return new Result.Ready(new SequenceInputStream(new ByteArrayInputStream(held.toByteArray()), upstream));
            }
            if (n == -1) {
                return new Result.Failed("the stream ended before any content", false);
            }
            if (timeout != null && Duration.ofNanos(nanoClock.getAsLong() - startNanos).compareTo(timeout) > 0) {
                return new Result.Failed("no content before the timeout", true);
            }
        }
    }

    /** Watches events go by until one decides the stream: content or end (ready), or an error. */
    private static final class Watch implements SseFramer.EventSink {
        private final boolean untilContent;
        boolean seen;
        boolean ready;
        String error;

        Watch(boolean untilContent) {
            this.untilContent = untilContent;
        }

        @Override
        public void event(byte[] buffer, int offset, int length) {
            seen = true;
            if (!untilContent || ready || error != null) {
                return;
            }
            SseEventKind.Event event = SseEventKind.Event.parse(
                    new String(buffer, offset, length, StandardCharsets.UTF_8));
            switch (SseEventKind.of(event)) {
                case CONTENT, DONE -> ready = true;
                case ERROR -> error = event.errorMessage();
                case LIFECYCLE -> { }
            }
        }
    }
}
