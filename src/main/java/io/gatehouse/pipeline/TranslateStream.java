package io.gatehouse.pipeline;

import io.gatehouse.model.ClientStream;
import io.gatehouse.provider.StreamTranslator;
import io.gatehouse.upstream.SseEvent;
import io.gatehouse.upstream.SseFramer;
import java.io.IOException;
import java.io.InputStream;

/**
 * Pumps a provider's native event stream through its mapper into the client's events: cut into events by
 * {@link SseFramer} (however the reads split lines or UTF-8 characters), each mapped and written (and
 * flushed) as it completes. A stream that breaks or ends before the provider said it was complete ends
 * with the gateway's {@code stream_interrupted} error event.
 */
public final class TranslateStream {
    /** Per stream in flight: events are small, and thousands of streams may be open at once. */
    private static final int BUFFER = 4 * 1024;

    /** How the upstream stream ended, which decides whether its connection can be reused. */
    public enum UpstreamEnd {
        /** Read to its end: the connection can go back to the pool. */
        COMPLETE,
        /** Broken, or abandoned after the provider's error event: the connection must be torn down. */
        ABORT
    }

    private TranslateStream() {
    }

    /**
     * @throws IOException only when writing to the client failed (it went away)
     */
    public static UpstreamEnd pump(InputStream upstream, ClientStream writer, StreamTranslator mapper) throws IOException {
        return pump(upstream, writer, mapper, new SseFramer());
    }

    static UpstreamEnd pump(InputStream upstream, ClientStream writer, StreamTranslator mapper, SseFramer framer) throws IOException {
        byte[] buffer = new byte[BUFFER];
        while (true) {
            int n;
            try {
                n = upstream.read(buffer);
            } catch (IOException e) {
                writer.interrupt("The upstream connection broke before the stream was complete");
                return UpstreamEnd.ABORT;
            }
            if (n == -1) {
                break;
            }
            try {
                framer.feed(buffer, 0, n, (b, off, len) -> mapper.onEvent(SseEvent.parse(b, off, len), writer));
            } catch (SseFramer.EventTooLargeException e) {
                writer.interrupt("The upstream sent an event larger than this gateway holds (" + e.limit() + " bytes)");
                return UpstreamEnd.ABORT;
            }
            if (writer.failed()) {
                return UpstreamEnd.ABORT; // the provider reported an error: nothing more is relayed
            }
        }
        byte[] last = framer.unterminated();
        if (last.length > 0 && !new String(last, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            mapper.onEvent(SseEvent.parse(last, 0, last.length), writer); // an upstream may omit the final blank line
        }
        mapper.onEnd(writer);
        writer.interrupt("The upstream stream ended before it was complete"); // no-op once finished
        return UpstreamEnd.COMPLETE;
    }
}
