package io.gatehouse.model.openai;

import io.gatehouse.error.GatewayException;
import io.gatehouse.model.ToolChoice;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Typed reads of a client's JSON: a field that is absent or null reads as null; one of the wrong type is a
 * 400 naming its path ({@code messages[2].content}), so clients learn exactly what to fix.
 */
public final class StrictFields {
    private StrictFields() {
    }

    public static boolean absent(JsonObject o, String key) {
        JsonValue v = o.get(key);
        return v == null || v.getValueType() == JsonValue.ValueType.NULL;
    }

    public static String string(JsonObject o, String key, String path) {
        if (absent(o, key)) {
            return null;
        }
        if (o.get(key) instanceof JsonString s) {
            return s.getString();
        }
        throw invalid(join(path, key), "must be a string");
    }

    public static String requiredString(JsonObject o, String key, String path) {
        String s = string(o, key, path);
        if (s == null || s.isEmpty()) {
            throw invalid(join(path, key), "is required");
        }
        return s;
    }

    public static Double number(JsonObject o, String key, String path) {
        if (absent(o, key)) {
            return null;
        }
        if (o.get(key) instanceof JsonNumber n) {
            return n.doubleValue();
        }
        throw invalid(join(path, key), "must be a number");
    }

    public static Integer integer(JsonObject o, String key, String path) {
        Long v = wholeNumber(o, key, path);
        if (v == null) {
            return null;
        }
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw invalid(join(path, key), "is out of range");
        }
        return v.intValue();
    }

    public static Long wholeNumber(JsonObject o, String key, String path) {
        if (absent(o, key)) {
            return null;
        }
        if (o.get(key) instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException e) {
                throw invalid(join(path, key), "is out of range");
            }
        }
        throw invalid(join(path, key), "must be a whole number");
    }

    public static Boolean bool(JsonObject o, String key, String path) {
        if (absent(o, key)) {
            return null;
        }
        JsonValue v = o.get(key);
        if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
            return v == JsonValue.TRUE;
        }
        throw invalid(join(path, key), "must be true or false");
    }

    public static JsonObject object(JsonObject o, String key, String path) {
        if (absent(o, key)) {
            return null;
        }
        JsonValue v = o.get(key);
        if (v.getValueType() == JsonValue.ValueType.OBJECT) {
            return v.asJsonObject();
        }
        throw invalid(join(path, key), "must be an object");
    }

    public static JsonArray array(JsonObject o, String key, String path) {
        if (absent(o, key)) {
            return null;
        }
        JsonValue v = o.get(key);
        if (v.getValueType() == JsonValue.ValueType.ARRAY) {
            return v.asJsonArray();
        }
        throw invalid(join(path, key), "must be an array");
    }

    public static JsonObject element(JsonArray array, int i, String path) {
        JsonValue v = array.get(i);
        if (v.getValueType() == JsonValue.ValueType.OBJECT) {
            return v.asJsonObject();
        }
        throw invalid(path + "[" + i + "]", "must be an object");
    }

    /** The strings of an array; any other element is a 400 saying {@code why}. */
    public static java.util.List<String> strings(JsonArray array, String path, String why) {
        java.util.List<String> out = new java.util.ArrayList<>(array.size());
        for (JsonValue v : array) {
            if (!(v instanceof JsonString s)) {
                throw invalid(path, why);
            }
            out.add(s.getString());
        }
        return out;
    }

    public static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** {@code tool_choice} given as a keyword ({@code auto}, {@code none}, {@code required}), as both OpenAI APIs allow. */
    public static ToolChoice toolChoiceKeyword(JsonString keyword) {
        ToolChoice named = ToolChoice.named(keyword.getString());
        if (named == null) {
            throw invalid("tool_choice", "must be auto, none, required or a function");
        }
        return named;
    }

    public static GatewayException invalid(String path, String why) {
        return GatewayException.badRequest("invalid_body", "Invalid request: " + path + " " + why);
    }

    public static GatewayException unsupported(String path, String why) {
        return GatewayException.badRequest("unsupported_parameter", "Unsupported request: " + path + " " + why);
    }
}
