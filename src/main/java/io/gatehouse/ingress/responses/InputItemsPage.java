package io.gatehouse.ingress.responses;

import io.gatehouse.error.GatewayException;
import io.gatehouse.model.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One page of a stored response's input items, as {@code GET /v1/responses/{id}/input_items} asks:
 * {@code limit} (1–100, default 20), {@code order} ({@code desc}, the default, or {@code asc}), and the
 * cursors {@code after} and {@code before} (item ids).
 */
record InputItemsPage(int limit, boolean ascending, String after, String before) {

    static InputItemsPage of(Map<String, String> query) {
        int limit = 20;
        String limitText = query.get("limit");
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText.strip());
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1 || limit > 100) {
                throw GatewayException.badRequest("invalid_query", "limit must be a whole number from 1 to 100");
            }
        }
        String order = query.getOrDefault("order", "desc");
        if (!order.equals("asc") && !order.equals("desc")) {
            throw GatewayException.badRequest("invalid_query", "order must be asc or desc");
        }
        return new InputItemsPage(limit, order.equals("asc"), query.get("after"), query.get("before"));
    }

    /** OpenAI's list object over the items (kept in the order they were sent). */
    JsonObject of(JsonArray items) {
        List<JsonValue> ordered = new ArrayList<>(items);
        if (!ascending) {
            Collections.reverse(ordered);
        }
        int from = after == null ? 0 : indexOf(ordered, after) + 1;
        int to = before == null ? ordered.size() : Math.max(indexOf(ordered, before), 0);
        from = Math.min(from, to);
        List<JsonValue> page = ordered.subList(from, Math.min(to, from + limit));
        var data = Json.array();
        page.forEach(data::add);
        var list = Json.object().add("object", "list").add("data", data);
        if (page.isEmpty()) {
            list.addNull("first_id").addNull("last_id");
        } else {
            list.add("first_id", Json.string(page.get(0).asJsonObject(), "id"))
                    .add("last_id", Json.string(page.get(page.size() - 1).asJsonObject(), "id"));
        }
        return list.add("has_more", from + page.size() < to).build();
    }

    /** The position of the item with this id; -1 when none has it (then the cursor is ignored). */
    private static int indexOf(List<JsonValue> items, String id) {
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(Json.string(items.get(i).asJsonObject(), "id"))) {
                return i;
            }
        }
        return -1;
    }
}
