package io.gatehouse.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SseFramerTest {
    /** A realistic stream: OpenAI-style chunks, a comment, named events, multi-byte text, then [DONE]. */
    private static final List<String> EVENTS = List.of(
            ": ping\n\n",
            "data: {\"choices\":[{\"delta\":{\"content\":\"caf\u00e9 \u2713\"}}]}\n\n",
            "event: message\nid: 7\ndata: {\"text\":\"\uD83D\uDE00 emoji\"}\n\n",
            "data: line one\ndata: line two \u00e9\n\n",
            "retry: 1000\n\n",
            "data: [DONE]\n\n");
    private static final byte[] STREAM = String.join("", EVENTS).getBytes(StandardCharsets.UTF_8);

    @Test
    void wholeStreamInOneRead() throws IOException {
        Framed framed = frame(STREAM, STREAM.length);
        assertEquals(EVENTS, framed.events);
        assertTrue(framed.sawDone);
        assertEquals(0, framed.unterminated.length);
    }

    @Test
    void oneByteAtATime() throws IOException {
        assertEquals(EVENTS, frame(STREAM, 1).events);
    }

    @Test
    void splitAtEveryByteBoundary() throws IOException {
        for (int split = 0; split <= STREAM.length; split++) {
            Framed framed = frame(STREAM, split, STREAM.length - split);
            assertEquals(EVENTS, framed.events, "split at byte " + split);
            assertTrue(framed.sawDone, "split at byte " + split);
        }
    }

    @Test
    void randomChunkSizesWithFixedSeeds() throws IOException {
        for (long seed = 0; seed < 50; seed++) {
            Random random = new Random(seed);
            List<Integer> sizes = new ArrayList<>();
            for (int total = 0; total < STREAM.length; ) {
                int size = Math.min(1 + random.nextInt(23), STREAM.length - total);
                sizes.add(size);
                total += size;
            }
            int[] chunks = sizes.stream().mapToInt(Integer::intValue).toArray();
            assertEquals(EVENTS, frame(STREAM, chunks).events, "seed " + seed + ", chunks " + sizes);
        }
    }

    /** Each event is handed out as valid UTF-8 however the reads cut the multi-byte characters. */
    @Test
    void multiByteCharactersSurviveEverySplit() throws IOException {
        byte[] stream = "data: \u00e9\u2713\uD83D\uDE00\u00e9\n\n".getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= stream.length; split++) {
            List<byte[]> raw = frameRaw(new SseFramer(), stream, split, stream.length - split);
            assertEquals(1, raw.size());
            assertArrayEquals(stream, raw.get(0));
            assertEquals("data: \u00e9\u2713\uD83D\uDE00\u00e9\n\n", strictUtf8(raw.get(0)));
        }
    }

    static Stream<Arguments> lineEndings() {
        return Stream.of(
                Arguments.of("LF", "data: a\n\ndata: b\nid: 2\n\n", List.of("data: a\n\n", "data: b\nid: 2\n\n")),
                Arguments.of("CRLF", "data: a\r\n\r\ndata: b\r\nid: 2\r\n\r\n", List.of("data: a\r\n\r\n", "data: b\r\nid: 2\r\n\r\n")),
                // CR alone: the last CR of the stream is held (it may start a CRLF), so a byte follows it here.
                Arguments.of("CR", "data: a\r\rdata: b\rid: 2\r\r:", List.of("data: a\r\r", "data: b\rid: 2\r\r")),
                Arguments.of("mixed", "data: a\r\n\ndata: b\n\r\ndata: c\r\rdata: d\n\n",
                        List.of("data: a\r\n\n", "data: b\n\r\n", "data: c\r\r", "data: d\n\n")),
                Arguments.of("CRLF lines, LF blank line", "data: a\r\nid: 1\r\n\n", List.of("data: a\r\nid: 1\r\n\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineEndings")
    void lineEndings(String label, String stream, List<String> expected) throws IOException {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        assertEquals(expected, frame(bytes, bytes.length).events, "whole");
        assertEquals(expected, frame(bytes, 1).events, "byte by byte");
        for (int split = 0; split <= bytes.length; split++) {
            assertEquals(expected, frame(bytes, split, bytes.length - split).events, "split at " + split);
        }
    }

    /** A CR ending one read and the LF starting the next are one line end, not a line and a blank line. */
    @Test
    void crAtEndOfReadThenLfInNextIsOneLineEnd() throws IOException {
        Framed framed = frameChunks("data: a\r", "\ndata: b\r", "\n\r", "\n");
        assertEquals(List.of("data: a\r\ndata: b\r\n\r\n"), framed.events);
    }

    @Test
    void aLoneCrIsHeldUntilTheNextRead() throws IOException {
        SseFramer framer = new SseFramer();
        List<byte[]> events = new ArrayList<>();
        feed(framer, "data: a\r\r", events);
        assertEquals(0, events.size(), "the second CR may be half of a CRLF");
        feed(framer, "data: b", events);
        assertEquals(List.of("data: a\r\r"), strings(events));
        assertEquals("data: b", new String(framer.unterminated(), StandardCharsets.UTF_8));
    }

    @Test
    void commentLinesAreEventsRelayedAsSent() throws IOException {
        Framed framed = frameChunks(": ping\n\n", ":keep-alive\r\n\r\n", "data: x\n\n");
        assertEquals(List.of(": ping\n\n", ":keep-alive\r\n\r\n", "data: x\n\n"), framed.events);
        assertFalse(framed.sawDone);
    }

    static Stream<Arguments> doneDetection() {
        return Stream.of(
                Arguments.of("data: [DONE]\n\n", true),
                Arguments.of("data:[DONE]\n\n", true),
                Arguments.of("data: [DONE]\r\n\r\n", true),
                Arguments.of("data: [DONE]\r\r:", true),
                Arguments.of("event: done\ndata: [DONE]\n\n", true),
                Arguments.of("data: [DONE] x\n\n", false),
                Arguments.of("data: [DONE]x\n\n", false),
                Arguments.of("data:  [DONE]\n\n", false),
                Arguments.of("data: [done]\n\n", false),
                Arguments.of("data: \"[DONE]\"\n\n", false),
                Arguments.of(": [DONE]\n\n", false),
                Arguments.of("data: {\"text\":\"[DONE]\"}\n\n", false),
                Arguments.of("data: part\ndata: [DONE]\n\n", false),
                Arguments.of("data: [DONE]", false),
                Arguments.of("data: [DONE]\n", false));
    }

    @ParameterizedTest
    @MethodSource("doneDetection")
    void doneDetection(String stream, boolean done) throws IOException {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        assertEquals(done, frame(bytes, bytes.length).sawDone, "whole");
        assertEquals(done, frame(bytes, 1).sawDone, "byte by byte");
    }

    @Test
    void unterminatedFinalEvent() throws IOException {
        Framed framed = frameChunks("data: a\n\n", "data: {\"partial\":", "true}\n");
        assertEquals(List.of("data: a\n\n"), framed.events);
        assertEquals("data: {\"partial\":true}\n", new String(framed.unterminated, StandardCharsets.UTF_8));
        assertFalse(framed.sawDone);
    }

    @Test
    void finishTerminatesTheEventInProgress() throws IOException {
        // {tail the upstream ended with, the event the client gets, whether it was [DONE]}
        String[][] cases = {
                {"data: [DONE]", "data: [DONE]\n\n", "true"},
                {"data: [DONE]\n", "data: [DONE]\n\n", "true"},
                {"data: [DONE]\r", "data: [DONE]\r\r\n", "true"},
                {"data: {\"a\":1}", "data: {\"a\":1}\n\n", "false"},
        };
        for (String[] c : cases) {
            SseFramer framer = new SseFramer();
            List<byte[]> events = new ArrayList<>();
            feed(framer, "data: a\n\n" + c[0], events);
            framer.finish((b, o, l) -> events.add(Arrays.copyOfRange(b, o, o + l)));
            assertEquals(List.of("data: a\n\n", c[1]), strings(events), c[0]);
            assertEquals(Boolean.parseBoolean(c[2]), framer.sawDone(), c[0]);
            assertEquals(0, framer.unterminated().length);
        }
    }

    @Test
    void finishAfterCompleteEventsOrBareLineEndsEmitsNothing() throws IOException {
        for (String stream : List.of("data: a\n\n", "data: a\n\n\n", "data: a\r\n\r\n\r\n", "")) {
            SseFramer framer = new SseFramer();
            List<byte[]> events = new ArrayList<>();
            feed(framer, stream, events);
            int before = events.size();
            framer.finish((b, o, l) -> events.add(Arrays.copyOfRange(b, o, o + l)));
            assertEquals(before, events.size(), stream);
        }
    }

    @Test
    void nothingUnterminatedAfterCompleteEvents() throws IOException {
        assertEquals(0, frameChunks("data: a\n\n", "data: b\n\n").unterminated.length);
        assertEquals(0, new SseFramer().unterminated().length);
    }

    @Test
    void anEventOverTheLimitFailsWithoutBufferingItAll() {
        SseFramer framer = new SseFramer(64);
        byte[] chunk = "xxxxxxxxxx".getBytes(StandardCharsets.US_ASCII);
        int[] fed = {0};
        IOException e = assertThrows(IOException.class, () -> {
            // An upstream that never ends its event: without the limit this would run until the heap is gone.
            while (fed[0] < 1_000_000) {
                framer.feed(chunk, 0, chunk.length, (b, o, l) -> { });
                fed[0] += chunk.length;
            }
        });
        assertTrue(fed[0] <= 64, "failed only after " + fed[0] + " bytes");
        assertTrue(e.getMessage().contains("64 bytes"), e.getMessage());
    }

    @Test
    void theLimitIsPerEventNotPerStream() throws IOException {
        String event = "data: " + "x".repeat(56) + "\n\n"; // exactly 64 bytes
        byte[] stream = event.repeat(20).getBytes(StandardCharsets.US_ASCII);
        List<byte[]> events = new ArrayList<>();
        SseFramer framer = new SseFramer(64);
        for (int i = 0; i < stream.length; i++) {
            framer.feed(stream, i, 1, (b, o, l) -> events.add(Arrays.copyOfRange(b, o, o + l)));
        }
        assertEquals(20, events.size());
    }

    @Test
    void theDefaultLimitIs64MiB() {
        assertEquals(64 * 1024 * 1024, SseFramer.MAX_EVENT_BYTES);
    }

    @Test
    void feedHonoursOffsetAndCount() throws IOException {
        byte[] padded = "XXdata: a\n\nYY".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> events = new ArrayList<>();
        new SseFramer().feed(padded, 2, padded.length - 4, (b, o, l) -> events.add(Arrays.copyOfRange(b, o, o + l)));
        assertEquals(List.of("data: a\n\n"), strings(events));
    }

    // --- helpers ---

    private record Framed(List<String> events, boolean sawDone, byte[] unterminated) {
    }

    /** Feeds {@code stream} in reads of the given sizes (the last size repeats until the stream ends). */
    private static Framed frame(byte[] stream, int... chunkSizes) throws IOException {
        SseFramer framer = new SseFramer();
        List<byte[]> raw = frameRaw(framer, stream, chunkSizes);
        return new Framed(strings(raw), framer.sawDone(), framer.unterminated());
    }

    private static Framed frameChunks(String... reads) throws IOException {
        SseFramer framer = new SseFramer();
        List<byte[]> events = new ArrayList<>();
        for (String read : reads) {
            feed(framer, read, events);
        }
        return new Framed(strings(events), framer.sawDone(), framer.unterminated());
    }

    private static List<byte[]> frameRaw(SseFramer framer, byte[] stream, int... chunkSizes) throws IOException {
        List<byte[]> events = new ArrayList<>();
        int offset = 0;
        int i = 0;
        while (offset < stream.length) {
            int size = Math.max(1, chunkSizes[Math.min(i++, chunkSizes.length - 1)]);
            size = Math.min(size, stream.length - offset);
            // Each read arrives in its own array, as from a reused read buffer.
            byte[] read = Arrays.copyOfRange(stream, offset, offset + size);
            framer.feed(read, 0, read.length, (b, o, l) -> events.add(Arrays.copyOfRange(b, o, o + l)));
            Arrays.fill(read, (byte) '!');
            offset += size;
        }
        return events;
    }

    private static void feed(SseFramer framer, String read, List<byte[]> events) throws IOException {
        byte[] bytes = read.getBytes(StandardCharsets.UTF_8);
        framer.feed(bytes, 0, bytes.length, (b, o, l) -> events.add(Arrays.copyOfRange(b, o, o + l)));
    }

    private static List<String> strings(List<byte[]> events) {
        return events.stream().map(SseFramerTest::strictUtf8).toList();
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("event is not valid UTF-8: " + Arrays.toString(bytes), e);
        }
    }

}
