package io.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FirstContentTest {
    private static final String ROLE = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n";
    private static final String PING = ": ping\n\n";
    private static final String HELLO = "data: {\"choices\":[{\"delta\":{\"content\":\"Hello\"}}]}\n\n";
    private static final String DONE = "data: [DONE]\n\n";
    private static final String ERROR = "data: {\"error\":{\"message\":\"model overloaded\"}}\n\n";

    private final AtomicLong clock = new AtomicLong();

    @Test
    void lifecycleEventsAreHeldThenReplayedBeforeTheRestByteForByte() throws IOException {
        // The content event arrives split across reads, with the next event's first bytes in the same read.
        ScriptedStream upstream = ScriptedStream.of(ROLE, PING, HELLO.substring(0, 20), HELLO.substring(20) + "data: {\"cho", "ices\":[]}\n\n" + DONE);
        FirstContent.Result result = FirstContent.await(upstream, 0, null, clock::get);
        FirstContent.Result.Ready ready = assertInstanceOf(FirstContent.Result.Ready.class, result);
        assertEquals(ROLE + PING + HELLO + "data: {\"choices\":[]}\n\n" + DONE, text(ready.stream()));
    }

    @Test
    void anErrorEventBeforeContentIsAFailureInTheUpstreamsWords() {
        FirstContent.Result result = FirstContent.await(ScriptedStream.of(ROLE, ERROR, HELLO), 0, null, clock::get);
        FirstContent.Result.Failed failed = assertInstanceOf(FirstContent.Result.Failed.class, result);
        assertTrue(failed.reason().contains("model overloaded"), failed.reason());
        assertFalse(failed.timedOut());
    }

    @Test
    void anErrorAfterContentIsNotRoutingsBusinessAnymore() throws IOException {
        FirstContent.Result result = FirstContent.await(ScriptedStream.of(HELLO + ERROR), 0, null, clock::get);
        assertEquals(HELLO + ERROR, text(assertInstanceOf(FirstContent.Result.Ready.class, result).stream()));
    }

    @Test
    void aStreamThatEndsOrBreaksBeforeContentFails() {
        assertInstanceOf(FirstContent.Result.Failed.class, FirstContent.await(ScriptedStream.of(ROLE), 0, null, clock::get));
        assertInstanceOf(FirstContent.Result.Failed.class, FirstContent.await(ScriptedStream.of(), 0, null, clock::get));
        FirstContent.Result reset = FirstContent.await(
                new ScriptedStream(List.of(ROLE), () -> new SocketException("Connection reset"), () -> { }), 0, null, clock::get);
        assertFalse(assertInstanceOf(FirstContent.Result.Failed.class, reset).timedOut());
    }

    @Test
    void aCompleteStreamWithoutContentIsAnAnswerNotAFailure() throws IOException {
        FirstContent.Result result = FirstContent.await(ScriptedStream.of(ROLE, DONE), 0, null, clock::get);
        assertEquals(ROLE + DONE, text(assertInstanceOf(FirstContent.Result.Ready.class, result).stream()));
    }

    @Test
    void aLastEventWithoutItsBlankLineStillCounts() throws IOException {
        FirstContent.Result result = FirstContent.await(ScriptedStream.of(ROLE, "data: [DONE]"), 0, null, clock::get);
        assertEquals(ROLE + "data: [DONE]", text(assertInstanceOf(FirstContent.Result.Ready.class, result).stream()),
                "replayed as the upstream sent it; the relay finishes the event");
    }

    @Test
    void aSilentUpstreamTimesOut() {
        FirstContent.Result result = FirstContent.await(
                new ScriptedStream(List.of(ROLE), () -> new SocketTimeoutException("Read timed out"), () -> { }), 0, null, clock::get);
        assertTrue(assertInstanceOf(FirstContent.Result.Failed.class, result).timedOut());
    }

    @Test
    void keepAlivesDoNotStretchTheRequestTimeout() {
        // Each read comes 100 ms after the last: pings alone never reach content within 250 ms.
        ScriptedStream pings = new ScriptedStream(List.of(PING, PING, PING, PING, HELLO), null, () -> clock.addAndGet(100_000_000L));
        FirstContent.Result result = FirstContent.await(pings, 0, Duration.ofMillis(250), clock::get);
        assertTrue(assertInstanceOf(FirstContent.Result.Failed.class, result).timedOut());
    }

    @Test
    void holdingIsBoundedEvenWithoutContent() {
        String bigLifecycle = ": " + "x".repeat(64 * 1024) + "\n\n";
        String[] reads = new String[20];
        java.util.Arrays.fill(reads, bigLifecycle);
        assertInstanceOf(FirstContent.Result.Ready.class, FirstContent.await(ScriptedStream.of(reads), 0, null, clock::get));
    }

    private static String text(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void withNothingLeftOnlyTheFirstEventIsAwaitedWhateverItIs() throws IOException {
        for (String first : List.of(ROLE, ERROR, PING)) {
            FirstContent.Result result = FirstContent.awaitFirstEvent(ScriptedStream.of(first, HELLO), 0, null, clock::get);
            assertEquals(first + HELLO, text(assertInstanceOf(FirstContent.Result.Ready.class, result).stream()));
        }
        assertInstanceOf(FirstContent.Result.Ready.class, FirstContent.awaitFirstEvent(ScriptedStream.of(), 0, null, clock::get),
                "an empty stream is the relay's to report");
    }

    @Test
    void withNothingLeftABreakBeforeTheFirstEventIsStillAFailure() {
        FirstContent.Result reset = FirstContent.awaitFirstEvent(
                new ScriptedStream(List.of("data: {\"cho"), () -> new SocketException("Connection reset"), () -> { }), 0, null, clock::get);
        assertFalse(assertInstanceOf(FirstContent.Result.Failed.class, reset).timedOut());
        FirstContent.Result slow = FirstContent.awaitFirstEvent(
                new ScriptedStream(List.of(), () -> new SocketTimeoutException("Read timed out"), () -> { }), 0, null, clock::get);
        assertTrue(assertInstanceOf(FirstContent.Result.Failed.class, slow).timedOut());
    }

    @Test
    void aTimeoutTooLongForNanosecondsDoesNotOverflow() throws IOException {
        FirstContent.Result result = FirstContent.await(ScriptedStream.of(ROLE, HELLO), 0, Duration.ofMillis(9_999_999_999_999L), clock::get);
        assertInstanceOf(FirstContent.Result.Ready.class, result);
    }
}
