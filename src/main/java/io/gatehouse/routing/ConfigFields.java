package io.gatehouse.routing;

import io.gatehouse.error.GatewayException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads a config field written in snake_case or camelCase, checking its type. */
final class ConfigFields {
    private ConfigFields() {
    }

    static JsonValue get(JsonObject node, String snakeName) {
        JsonValue v = node.get(snakeName);
        return v != null ? v : node.get(camel(snakeName));
    }

    static String string(JsonObject node, String snakeName, String path) {
        JsonValue v = get(node, snakeName);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        throw invalid(path, snakeName, "must be a string");
    }

    static JsonObject object(JsonObject node, String snakeName, String path) {
        JsonValue v = get(node, snakeName);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() == JsonValue.ValueType.OBJECT) {
            return v.asJsonObject();
        }
        throw invalid(path, snakeName, "must be an object");
    }

    static List<String> stringList(JsonObject node, String snakeName, String path) {
        JsonValue v = get(node, snakeName);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw invalid(path, snakeName, "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : v.asJsonArray()) {
            if (!(item instanceof JsonString s)) {
                throw invalid(path, snakeName, "must be an array of strings");
            }
            out.add(s.getString().strip().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(out);
    }

    static Duration millis(JsonObject node, String snakeName, String path) {
        JsonValue v = get(node, snakeName);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonNumber n && n.isIntegral() && n.longValue() > 0) {
            return Duration.ofMillis(n.longValue());
        }
        throw invalid(path, snakeName, "must be a positive whole number of milliseconds");
    }

    static String camel(String snake) {
        StringBuilder sb = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    private static GatewayException invalid(String path, String field, String why) {
        return GatewayException.badRequest("invalid_config", "Invalid config: " + path + "." + field + " " + why);
    }
}
