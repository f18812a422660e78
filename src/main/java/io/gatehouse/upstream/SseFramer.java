package io.gatehouse.upstream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a byte stream of Server-Sent Events into whole events, however the reads split it.
 *
 * <p>An event ends at a blank line; lines may end in {@code \n}, {@code \r\n} or {@code \r}. Splitting
 * happens on those ASCII bytes only, so multi-byte UTF-8 characters are never cut. Events are handed
 * out raw, exactly as the upstream sent them, so relaying them is byte-exact.
 */
public final class SseFramer {
    /** Receives each complete event, terminating blank line included. */
    @FunctionalInterface
    public interface EventSink {
        void event(byte[] buffer, int offset, int length) throws java.io.IOException;
    }

    /** An upstream that never ends an event must not exhaust the heap. */
    static final int MAX_EVENT_BYTES = io.gatehouse.config.MemoryLimits.OF_THIS_HEAP.sseEventBytes();
    private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

    private final int maxEventBytes;
    // Small to start (an idle stream holds it); grows to the largest event seen.
    private byte[] buffer = new byte[1024];
    private int length;
    /** Where the current (incomplete) event starts, and where scanning resumes. */
    private int eventStart;
    private int scan;
    private int lineStart;
    private boolean sawDone;

    public SseFramer() {
        this(MAX_EVENT_BYTES);
    }

    /** A smaller limit lets tests show the bound without a multi-MiB event. */
    public SseFramer(int maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    /** Adds bytes read from the upstream and emits every event they complete. */
    public void feed(byte[] bytes, int offset, int count, EventSink sink) throws java.io.IOException {
        ensureRoom(count);
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
        while (scan < length) {
            byte b = buffer[scan];
            if (b != '\n' && b != '\r') {
                scan++;
                continue;
            }
            int terminator = 1;
            if (b == '\r') {
                if (scan + 1 == length) {
                    break; // a lone CR may be the first half of CRLF: wait for the next read
                }
                if (buffer[scan + 1] == '\n') {
                    terminator = 2;
                }
            }
            boolean blankLine = scan == lineStart;
            scan += terminator;
            lineStart = scan;
            if (blankLine) {
                int eventLength = scan - eventStart;
                if (isDone(buffer, eventStart, eventLength)) {
                    sawDone = true;
                }
                sink.event(buffer, eventStart, eventLength);
                eventStart = scan;
            }
        }
        compact();
    }

    /**
     * The upstream ended: emits the event in progress, if any, terminated as it should have been.
     * Some servers end their last event (often {@code data: [DONE]}) without the blank line, or with a
     * lone CR the framer was still holding back.
     */
    public void finish(EventSink sink) throws java.io.IOException {
        int end = length;
        boolean onlyLineEnds = true;
        for (int i = eventStart; i < end; i++) {
            if (buffer[i] != '\n' && buffer[i] != '\r') {
                onlyLineEnds = false;
                break;
            }
        }
        if (onlyLineEnds) {
            eventStart = scan = lineStart = length;
            return;
        }
        byte last = buffer[end - 1];
        byte[] terminator = last == '\r' ? new byte[] {'\r', '\n'} : last == '\n' ? new byte[] {'\n'} : new byte[] {'\n', '\n'};
        byte[] event = Arrays.copyOfRange(buffer, eventStart, end + terminator.length);
        System.arraycopy(terminator, 0, event, end - eventStart, terminator.length);
        if (isDone(event, 0, event.length)) {
            sawDone = true;
        }
        eventStart = scan = lineStart = length;
        sink.event(event, 0, event.length);
    }

    /** Bytes of an event the upstream never finished (no blank line before the end of the stream). */
    public byte[] unterminated() {
        return Arrays.copyOfRange(buffer, eventStart, length);
    }

    /** Whether a {@code data: [DONE]} event has been seen: OpenAI-style streams end with it. */
    public boolean sawDone() {
        return sawDone;
    }

    /** Whether the event's data is exactly {@code [DONE]}. */
    public static boolean isDone(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int lineEnd = i;
            while (lineEnd < end && b[lineEnd] != '\n' && b[lineEnd] != '\r') {
                lineEnd++;
            }
            if (startsWith(b, i, lineEnd, "data:")) {
                int v = i + 5;
                if (v < lineEnd && b[v] == ' ') {
                    v++;
                }
                return lineEnd - v == DONE.length && Arrays.equals(b, v, lineEnd, DONE, 0, DONE.length);
            }
            i = lineEnd + 1;
        }
        return false;
    }

    private static boolean startsWith(byte[] b, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (b[from + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private void ensureRoom(int count) throws java.io.IOException {
        if (length - eventStart + count > maxEventBytes) {
            throw new EventTooLargeException(maxEventBytes);
        }
        compact();
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
        }
    }

    /** Drops emitted events from the buffer so it only ever holds the event in progress. */
    private void compact() {
        if (eventStart == 0) {
            return;
        }
        int remaining = length - eventStart;
        System.arraycopy(buffer, eventStart, buffer, 0, remaining);
        scan -= eventStart;
        lineStart -= eventStart;
        length = remaining;
        eventStart = 0;
    }

    /** The upstream sent an event larger than the framer accepts: an upstream fault, not a client one. */
    public static final class EventTooLargeException extends java.io.IOException {
        private static final long serialVersionUID = 1L;

        private final int limit;

        EventTooLargeException(int limit) {
            super("upstream sent an SSE event larger than " + limit + " bytes");
            this.limit = limit;
        }

        public int limit() {
            return limit;
        }
    }
}
