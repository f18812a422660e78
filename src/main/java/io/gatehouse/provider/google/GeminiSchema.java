package io.gatehouse.provider.google;

import io.gatehouse.model.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;

/**
 * Gemini's {@code Schema} is an OpenAPI subset: it refuses JSON Schema keywords OpenAI clients send as a
 * matter of course (strict mode always adds {@code additionalProperties: false}). Those keywords are
 * dropped at every level of the schema (property names are kept, whatever they are called); what Gemini
 * cannot express is not enforced.
 */
final class GeminiSchema {
    private static final Set<String> UNSUPPORTED = Set.of("$schema", "$id", "$comment", "additionalProperties", "strict");

    private GeminiSchema() {
    }

    static JsonObject clean(JsonObject schema) {
        JsonObjectBuilder out = Json.object();
        for (Map.Entry<String, JsonValue> e : schema.entrySet()) {
            String key = e.getKey();
            JsonValue value = e.getValue();
            if (UNSUPPORTED.contains(key)) {
                continue;
            }
            if (key.equals("properties") && value.getValueType() == JsonValue.ValueType.OBJECT) {
                JsonObjectBuilder properties = Json.object();
                value.asJsonObject().forEach((name, sub) -> properties.add(name, cleanValue(sub)));
                out.add(key, properties);
            } else {
                out.add(key, cleanValue(value));
            }
        }
        return out.build();
    }

    private static JsonValue cleanValue(JsonValue value) {
        if (value.getValueType() == JsonValue.ValueType.OBJECT) {
            return clean(value.asJsonObject());
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            JsonArrayBuilder out = Json.array();
            value.asJsonArray().forEach(v -> out.add(cleanValue(v)));
            return out.build();
        }
        return value;
    }
}
