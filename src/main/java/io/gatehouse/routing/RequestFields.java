package io.gatehouse.routing;

import io.gatehouse.config.Query;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The request as conditional routing sees it: {@code metadata.<key>} from {@code x-portkey-metadata},
 * {@code params.<path>} from the body at any depth (object keys and array indexes, dot-separated —
 * Portkey reads two levels only), {@code url.pathname}. The body is parsed on first use only.
 */
final class RequestFields implements Query.Fields {
    private static final JsonProvider JSON = JsonProvider.provider();

    private final Map<String, String> metadata;
    private final String pathname;
    private final Supplier<JsonObject> params;
    private JsonObject parsedParams;

    RequestFields(Map<String, String> metadata, String pathname, Supplier<JsonObject> params) {
        this.metadata = metadata;
        this.pathname = pathname;
        this.params = params;
    }

    @Override
    public JsonValue get(String field) {
        if (field.equals("url.pathname")) {
            return pathname == null ? null : JSON.createValue(pathname);
        }
        if (field.startsWith("metadata.")) {
            String value = metadata.get(field.substring("metadata.".length()));
            return value == null ? null : JSON.createValue(value);
        }
        if (field.startsWith("params.")) {
            return walk(params(), field.substring("params.".length()).split("\\."));
        }
        return null;
    }

    private JsonObject params() {
        if (parsedParams == null) {
            JsonObject body = params == null ? null : params.get();
            parsedParams = body == null ? JsonValue.EMPTY_JSON_OBJECT : body;
        }
        return parsedParams;
    }

    private static JsonValue walk(JsonValue value, String[] path) {
        JsonValue current = value;
        for (String segment : path) {
            if (current instanceof JsonObject object) {
                current = object.get(segment);
            } else if (current instanceof JsonArray array && isIndex(segment) && Integer.parseInt(segment) < array.size()) {
                current = array.get(Integer.parseInt(segment));
            } else {
                return null;
            }
            if (current == null || current.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
        }
        return current;
    }

    private static boolean isIndex(String segment) {
        return !segment.isEmpty() && segment.length() < 9 && segment.chars().allMatch(Character::isDigit);
    }
}
