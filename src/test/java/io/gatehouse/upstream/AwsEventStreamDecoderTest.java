package io.gatehouse.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.testing.EventStreamFrames;
import io.gatehouse.testing.OneByteAtATime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AWS event-stream messages, built with real CRCs, cut and read back as server-sent events. */
class AwsEventStreamDecoderTest {
    private static final byte[] START = EventStreamFrames.event("messageStart", "{\"role\":\"assistant\"}");
    private static final byte[] DELTA = EventStreamFrames.event("contentBlockDelta",
            "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"naïve ✓\"}}");

    @Test
    void messagesAreCutHoweverTheReadsSplitThem() throws IOException {
        byte[] body = EventStreamFrames.concat(START, DELTA);
        for (int split = 1; split < body.length; split++) {
            List<AwsEventStreamDecoder.Message> messages = new ArrayList<>();
            AwsEventStreamDecoder decoder = new AwsEventStreamDecoder();
            decoder.feed(body, 0, split, messages::add);
            decoder.feed(body, split, body.length - split, messages::add);
            assertEquals(2, messages.size(), "split at " + split);
            assertEquals("contentBlockDelta", messages.get(1).header(":event-type"));
            assertEquals("{\"contentBlockIndex\":0,\"delta\":{\"text\":\"naïve ✓\"}}",
                    new String(messages.get(1).payload(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aMessageWhosePayloadWasAlteredFailsItsCrc() {
        byte[] corrupt = DELTA.clone();
        corrupt[corrupt.length - 6] ^= 1; // a payload byte
        IOException e = assertThrows(IOException.class, () -> new AwsEventStreamDecoder().feed(corrupt, 0, corrupt.length, m -> { }));
        assertEquals("event-stream message failed its CRC check", e.getMessage());
    }

    @Test
    void aPreludeWhoseLengthWasAlteredFailsItsCrcBeforeAnyLengthIsTrusted() {
        byte[] corrupt = START.clone();
        corrupt[2] ^= 0x40; // total length: would claim megabytes
        IOException e = assertThrows(IOException.class, () -> new AwsEventStreamDecoder().feed(corrupt, 0, corrupt.length, m -> { }));
        assertEquals("event-stream message prelude failed its CRC check", e.getMessage());
    }

    @Test
    void eventsReadAsServerSentEventsNamedByTheirEventType() throws IOException {
        InputStream sse = new AwsEventStreamAsSse(new OneByteAtATime(EventStreamFrames.concat(START, DELTA)));
        assertEquals("event: messageStart\ndata: {\"role\":\"assistant\"}\n\n"
                        + "event: contentBlockDelta\ndata: {\"contentBlockIndex\":0,\"delta\":{\"text\":\"naïve ✓\"}}\n\n",
                new String(sse.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void anExceptionMessageReadsAsAnErrorEventCarryingItsType() throws IOException {
        byte[] exception = EventStreamFrames.exception("throttlingException", "{\"message\":\"Too many requests\"}");
        InputStream sse = new AwsEventStreamAsSse(new ByteArrayInputStream(EventStreamFrames.concat(START, exception)));
        String text = new String(sse.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(text.endsWith("event: error\ndata: {\"message\":\"Too many requests\",\"__type\":\"throttlingException\"}\n\n"), text);
    }

    @Test
    void aStreamCutInsideAMessageFailsTheReadLikeABrokenConnection() throws IOException {
        byte[] cut = EventStreamFrames.concat(START, java.util.Arrays.copyOf(DELTA, DELTA.length - 3));
        InputStream sse = new AwsEventStreamAsSse(new ByteArrayInputStream(cut));
        byte[] first = new byte[1024];
        int n = sse.read(first);
        assertEquals("event: messageStart\ndata: {\"role\":\"assistant\"}\n\n", new String(first, 0, n, StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> sse.read(first));
        assertEquals("the event stream ended inside a message", e.getMessage());
    }
}
