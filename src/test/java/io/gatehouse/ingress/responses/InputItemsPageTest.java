package io.gatehouse.ingress.responses;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.model.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputItemsPageTest {
    private static final JsonArray ITEMS = Json.array().add(Json.object().add("id", "a")).add(Json.object().add("id", "b"))
            .add(Json.object().add("id", "c")).add(Json.object().add("id", "d")).build();

    private static List<String> ids(JsonObject list) {
        return list.getJsonArray("data").stream().map(v -> v.asJsonObject().getString("id")).toList();
    }

    @Test
    void newestFirstTwentyByDefault() {
        JsonObject list = InputItemsPage.of(Map.of()).of(ITEMS);
        assertEquals("list", list.getString("object"));
        assertEquals(List.of("d", "c", "b", "a"), ids(list));
        assertEquals("d", list.getString("first_id"));
        assertEquals("a", list.getString("last_id"));
        assertEquals(false, list.getBoolean("has_more"));
    }

    @Test
    void limitOrderAndCursors() {
        JsonObject first = InputItemsPage.of(Map.of("order", "asc", "limit", "2")).of(ITEMS);
        assertEquals(List.of("a", "b"), ids(first));
        assertEquals(true, first.getBoolean("has_more"));
        JsonObject next = InputItemsPage.of(Map.of("order", "asc", "limit", "2", "after", "b")).of(ITEMS);
        assertEquals(List.of("c", "d"), ids(next));
        assertEquals(false, next.getBoolean("has_more"));
        assertEquals(List.of("d", "c"), ids(InputItemsPage.of(Map.of("before", "b")).of(ITEMS)));
        JsonObject empty = InputItemsPage.of(Map.of("after", "a")).of(ITEMS);
        assertEquals(List.of(), ids(empty));
        assertEquals(true, empty.isNull("first_id"));
    }

    @Test
    void badParametersAre400s() {
        assertGatewayError(400, "invalid_query", () -> InputItemsPage.of(Map.of("limit", "0")));
        assertGatewayError(400, "invalid_query", () -> InputItemsPage.of(Map.of("limit", "101")));
        assertGatewayError(400, "invalid_query", () -> InputItemsPage.of(Map.of("limit", "x")));
        assertGatewayError(400, "invalid_query", () -> InputItemsPage.of(Map.of("order", "up")));
    }
}
