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
        assertTrue(store.shelf("").put(response("resp_1", null, "A1"), input("Q1")));
        assertTrue(store.shelf("").put(response("resp_2", "resp_1", "A2"), input("Q2")));
        List<JsonObject> items = store.shelf("").conversation("resp_2");
        assertEquals(List.of("msg_Q1", "A1", "msg_Q2", "A2"), items.stream().map(i -> i.containsKey("id") ? i.getString("id")
                : i.getJsonArray("content").getJsonObject(0).getString("text")).toList());
    }

    @Test
    void aMissingTurnIsA400ThatSaysWhich() {
        store.shelf("").put(response("resp_2", "resp_gone", "A2"), input("Q2"));
        assertGatewayError(400, "previous_response_not_found", () -> store.shelf("").conversation("resp_unknown"));
        var e = assertGatewayError(400, "previous_response_not_found", () -> store.shelf("").conversation("resp_2"));
        assertTrue(e.getMessage().contains("'resp_gone', which is no longer stored"), e.getMessage());
    }

    @Test
    void entriesLargerThanTheBoundAreNotKept() {
        assertFalse(store.shelf("").put(response("resp_big", null, "x".repeat(5000)), input("Q")));
        assertTrue(store.shelf("").get("resp_big").isEmpty());
    }

    @Test
    void theStoreHoldsAtMostItsEntryBound() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            store.shelf("").put(response("resp_" + i, null, "A"), input("Q"));
            Thread.sleep(2); // Ehcache evicts the least recently used by millisecond: no ties
        }
        long kept = java.util.stream.IntStream.range(0, 10).filter(i -> store.shelf("").get("resp_" + i).isPresent()).count();
        assertTrue(kept <= 3, "kept " + kept);
        assertTrue(store.shelf("").get("resp_9").isPresent(), "the newest is kept");
    }

    @Test
    void removedResponsesAreGone() {
        store.shelf("").put(response("resp_1", null, "A1"), input("Q1"));
        assertEquals("resp_1", store.shelf("").get("resp_1").orElseThrow().response().getString("id"));
        assertEquals(input("Q1"), store.shelf("").get("resp_1").orElseThrow().inputItems());
        assertTrue(store.shelf("").remove("resp_1"));
        assertFalse(store.shelf("").remove("resp_1"));
        assertTrue(store.shelf("").get("resp_1").isEmpty());
    }

    @Test
    void storesAreIndependent() {
        ResponseStore other = new ResponseStore(ResponseStoreSettings.DEFAULTS);
        try {
            store.shelf("").put(response("resp_1", null, "A1"), input("Q1"));
            assertTrue(other.shelf("").get("resp_1").isEmpty());
        } finally {
            other.close();
        }
    }

    @Test
    void aResponseBelongsToTheKeyThatMadeIt() {
        ResponseStore.Shelf alice = store.shelf("key:alice");
        ResponseStore.Shelf bob = store.shelf("key:bob");
        alice.put(response("resp_1", null, "A1"), input("Q1"));
        assertTrue(alice.get("resp_1").isPresent());
        assertTrue(bob.get("resp_1").isEmpty(), "another key does not see it");
        assertTrue(store.shelf("").get("resp_1").isEmpty(), "nor a keyless caller");
        assertFalse(bob.remove("resp_1"), "nor can it delete it");
        assertGatewayError(400, "previous_response_not_found", () -> bob.conversation("resp_1"));
        assertEquals(2, alice.conversation("resp_1").size());
    }

    @Test
    void oneKeyCannotEvictAnothersResponses() {
        ResponseStore shared = new ResponseStore(new ResponseStoreSettings(100, Duration.ofMinutes(5), 4096, 10));
        try {
            ResponseStore.Shelf alice = shared.shelf("key:alice");
            ResponseStore.Shelf mallory = shared.shelf("key:mallory");
            alice.put(response("resp_alice", null, "A"), input("Q"));
            for (int i = 0; i < 500; i++) {
                mallory.put(response("resp_m" + i, null, "M"), input("Q"));
            }
            assertTrue(alice.get("resp_alice").isPresent(), "a key's share is bounded: it evicts only its own");
            long kept = java.util.stream.IntStream.range(0, 500).filter(i -> mallory.get("resp_m" + i).isPresent()).count();
            assertEquals(10, kept, "a key keeps at most its share, its newest");
            assertTrue(mallory.get("resp_m499").isPresent());
        } finally {
            shared.close();
        }
    }
}
