package io.gatehouse.model;

import jakarta.json.JsonObject;

/**
 * A function the model may call.
 *
 * @param name        function name
 * @param description what it does, or null
 * @param parameters  JSON Schema of its arguments, or null
 * @param strict      OpenAI's strict schema adherence flag, or null
 */
public record Tool(String name, String description, JsonObject parameters, Boolean strict) {
}
