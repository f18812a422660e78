package io.gatehouse.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.model.Usage;
import io.gatehouse.testing.FixtureSource;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Usage as every format reports it, read from whole answers, from stream events, and from bytes going past. */
class UsageTest {

    @ParameterizedTest
    @FixtureSource("usage/usage-json.json")
    void readsUsageWhereverTheFormatKeepsIt(JsonObject c) {
        Usage usage = UsageJson.find(c.getJsonObject("answer"));
        if (c.get("expect") == JsonValue.NULL) {
            assertNull(usage);
            return;
        }
        JsonArray e = c.getJsonArray("expect");
        assertEquals(new Usage(e.getInt(0), e.getInt(1), e.getInt(2), integer(e.get(3)), integer(e.get(4))), usage);
    }

    private static Integer integer(JsonValue v) {
        return v instanceof JsonNumber n ? n.intValue() : null;
    }

    @Test
    void partialStreamReportsMergeToTheLargestCountOfEach() {
        UsageTap tap = new UsageTap();
        tap.report(new Usage(25, 1, 26, null, null));
        tap.report(new Usage(0, 15, 15, 3, null));
        tap.report(null);
        assertEquals(new Usage(25, 15, 40, 3, null), tap.usage());
    }

    private static final String ANSWER = "{\"id\":\"chatcmpl-1\",\"model\":\"gpt-4o-mini-2024-07-18\",\"choices\":[{\"message\":"
            + "{\"content\":\"a \\\"usage\\\":{\\\"prompt_tokens\\\":999} in text, {braces} and [brackets]\",\"usage\":{\"prompt_tokens\":1}}}],"
            + "\"usage\": {\"prompt_tokens\": 11, \"completion_tokens\": 4, \"total_tokens\": 15}, \"system_fingerprint\": null}";

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 64, 100_000})
    void topLevelUsageAndModelAreCapturedWhateverTheReadSizes(int chunk) {
        byte[] bytes = ANSWER.getBytes(StandardCharsets.UTF_8);
        TopLevelMembers members = new TopLevelMembers(Set.of("usage", "model"));
        for (int i = 0; i < bytes.length; i += chunk) {
            members.feed(bytes, i, Math.min(chunk, bytes.length - i));
        }
        UsageTap tap = new UsageTap();
        EventUsage.observeAnswer(members, tap);
        assertEquals(new Usage(11, 4, 15, null, null), tap.usage());
        assertEquals("gpt-4o-mini-2024-07-18", tap.model());
    }

    @Test
    void aScalarValueEndsAtItsDelimiter() {
        TopLevelMembers members = new TopLevelMembers(Set.of("n", "model"));
        byte[] bytes = "{\"n\":12,\"model\":null}".getBytes(StandardCharsets.UTF_8);
        members.feed(bytes, 0, bytes.length);
        assertEquals("12", members.captured().get("n"));
        assertEquals("null", members.captured().get("model"));
    }

    private static boolean observe(String event, UsageTap tap) {
        byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
        return EventUsage.observe(bytes, 0, bytes.length, tap);
    }

    @Test
    void theUsageOnlyChunkIsRecognisedAndOrdinaryChunksAreNotParsed() {
        UsageTap tap = new UsageTap();
        assertFalse(observe("data: {\"choices\":[{\"delta\":{\"content\":\"usage\"}}],\"usage\":null}\n\n", tap));
        assertNull(tap.usage());
        assertTrue(observe("data: {\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}\n\n", tap));
        assertEquals(5, tap.usage().totalTokens());
        assertEquals("gpt-4o", tap.model());
        assertFalse(observe("data: [DONE]\n\n", tap));
    }

    @Test
    void usageOnAContentChunkIsReadButTheChunkIsKept() {
        UsageTap tap = new UsageTap();
        assertFalse(observe("data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\": {\"prompt_tokens\":3,\"completion_tokens\":2}}\n\n", tap));
        assertEquals(5, tap.usage().totalTokens());
        assertFalse(observe("event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":9}}\n\n", tap));
        assertEquals(9, tap.usage().completionTokens());
    }
}
