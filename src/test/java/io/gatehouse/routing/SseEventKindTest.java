package io.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.testing.FixtureSource;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class SseEventKindTest {
    @ParameterizedTest
    @FixtureSource("routing/sse-events.json")
    void eventIsClassifiedAsTheTableSays(JsonObject c) {
        assertEquals(SseEventKind.valueOf(c.getString("kind")), SseEventKind.of(SseEventKind.Event.parse(c.getString("event"))));
    }

    @Test
    void errorEventsTellWhatWentWrongInTheUpstreamsWords() {
        assertEquals("Overloaded", SseEventKind.Event.parse(
                "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n").errorMessage());
        assertEquals("boom", SseEventKind.Event.parse("data: {\"error\":\"boom\"}\n\n").errorMessage());
        assertEquals(301, SseEventKind.Event.parse("data: {\"error\":{\"message\":\"" + "x".repeat(1000) + "\"}}\n\n").errorMessage().length(),
                "bounded: 300 characters and an ellipsis");
    }
}
