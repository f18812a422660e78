package io.gatehouse.ingress.responses;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.config.ResponseStoreSettings;
import io.gatehouse.model.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResponseStoreTest {
    private ResponseStore store = new ResponseStore(new ResponseStoreSettings(3, Duration.ofMinutes(5), 4096));

    @AfterEach
    void close() {
        store.close();
    }

    private static JsonObject response(String id, String previous, String answer) {
        var r = Json.object().add("id", id).add("object", "response")
                .add("output", Json.array().add(Json.object().add("type", "message").add("role", "assistant")
                        .add("content", Json.array().add(Json.object().add("type", "output_text").add("text", answer)))));
        return (previous == null ? r.addNull("previous_response_id") : r.add("previous_response_id", previous)).build();
    }

    private static JsonArray input(String text) {
        return Json.array().add(Json.object().add("id", "msg_" + text).add("type", "message").add("role", "user").add("content", text)).build();
    }

    @Test
    void aConversationIsTheChainOfItsTurnsOldestFirst() {
        assertTrue(store.put(response("resp_1", null, "A1"), input("Q1")));
        assertTrue(store.put(response("resp_2", "resp_1", "A2"), input("Q2")));
        List<JsonObject> items = store.conversation("resp_2");
        assertEquals(List.of("msg_Q1", "A1", "msg_Q2", "A2"), items.stream().map(i -> i.containsKey("id") ? i.getString("id")
                : i.getJsonArray("content").getJsonObject(0).getString("text")).toList());
    }

    @Test
    void aMissingTurnIsA400ThatSaysWhich() {
        store.put(response("resp_2", "resp_gone", "A2"), input("Q2"));
        assertGatewayError(400, "previous_response_not_found", () -> store.conversation("resp_unknown"));
        var e = assertGatewayError(400, "previous_response_not_found", () -> store.conversation("resp_2"));
        assertTrue(e.getMessage().contains("'resp_gone', which is no longer stored"), e.getMessage());
    }

    @Test
    void entriesLargerThanTheBoundAreNotKept() {
        assertFalse(store.put(response("resp_big", null, "x".repeat(5000)), input("Q")));
        assertTrue(store.get("resp_big").isEmpty());
    }

    @Test
    void theStoreHoldsAtMostItsEntryBound() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            store.put(response("resp_" + i, null, "A"), input("Q"));
            Thread.sleep(2); // Ehcache evicts the least recently used by millisecond: no ties
        }
        long kept = java.util.stream.IntStream.range(0, 10).filter(i -> store.get("resp_" + i).isPresent()).count();
        assertTrue(kept <= 3, "kept " + kept);
        assertTrue(store.get("resp_9").isPresent(), "the newest is kept");
    }

    @Test
    void removedResponsesAreGone() {
        store.put(response("resp_1", null, "A1"), input("Q1"));
        assertEquals("resp_1", store.get("resp_1").orElseThrow().response().getString("id"));
        assertEquals(input("Q1"), store.get("resp_1").orElseThrow().inputItems());
        assertTrue(store.remove("resp_1"));
        assertFalse(store.remove("resp_1"));
        assertTrue(store.get("resp_1").isEmpty());
    }

    @Test
    void storesAreIndependent() {
        ResponseStore other = new ResponseStore(ResponseStoreSettings.DEFAULTS);
        try {
            store.put(response("resp_1", null, "A1"), input("Q1"));
            assertTrue(other.get("resp_1").isEmpty());
        } finally {
            other.close();
        }
    }
}
