package io.gatehouse.provider;

import io.gatehouse.error.GatewayException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The provider-specific fields of the target a call goes to (Azure's {@code resource_name}, …), looked
 * up by snake_case name. Providers read what they need through this, never the config itself.
 */
@FunctionalInterface
public interface TargetFields {
    TargetFields NONE = snakeKey -> null;

    /** The field's string value, or null when absent. */
    String string(String snakeKey);

    /**
     * The fields of a config object written in snake_case or camelCase; a field of another type than
     * string is a 400.
     */
    static TargetFields of(JsonObject config) {
        if (config == null) {
            return NONE;
        }
        return snakeKey -> {
            JsonValue v = config.containsKey(snakeKey) ? config.get(snakeKey) : config.get(camel(snakeKey));
            if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (v instanceof JsonString s) {
                return s.getString();
            }
            throw GatewayException.badRequest("invalid_config", "Invalid config: config." + snakeKey + " must be a string");
        };
    }

    private static String camel(String snake) {
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
}
