package io.gatehouse.config;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object of a config, keys normalised to snake_case, read with type checks that record a
 * {@link ConfigProblem} (with its JSON path) instead of stopping, so one pass reports everything.
 * A JSON {@code null} reads as absent.
 */
final class ConfigObject {
    private final Map<String, JsonValue> fields = new LinkedHashMap<>();
    private final String path;
    private final List<ConfigProblem> problems;

    ConfigObject(JsonObject json, String path, List<ConfigProblem> problems) {
        this.path = path;
        this.problems = problems;
        for (Map.Entry<String, JsonValue> e : json.entrySet()) {
            String key = ConfigKeys.snake(e.getKey());
            if (fields.put(key, e.getValue()) != null) {
                problem(key, "is given twice (snake_case and camelCase)");
            }
        }
        fields.values().removeIf(v -> v.getValueType() == JsonValue.ValueType.NULL);
    }

    Set<String> keys() {
        return fields.keySet();
    }

    boolean has(String key) {
        return fields.containsKey(key);
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void problem(String key, String message) {
        problems.add(new ConfigProblem(path(key), message));
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    JsonValue raw(String key) {
        return fields.get(key);
    }

    String string(String key) {
        JsonValue v = fields.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        problem(key, "must be a string");
        return null;
    }

    Boolean bool(String key) {
        JsonValue v = fields.get(key);
        if (v == null) {
            return null;
        }
        if (v.getValueType() == JsonValue.ValueType.TRUE || v.getValueType() == JsonValue.ValueType.FALSE) {
            return v.getValueType() == JsonValue.ValueType.TRUE;
        }
        problem(key, "must be true or false");
        return null;
    }

    Long wholeNumber(String key) {
        JsonValue v = fields.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException tooBig) {
                // reported below
            }
        }
        problem(key, "must be a whole number");
        return null;
    }

    Double number(String key) {
        JsonValue v = fields.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof JsonNumber n) {
            return n.doubleValue();
        }
        problem(key, "must be a number");
        return null;
    }

    JsonObject object(String key) {
        JsonValue v = fields.get(key);
        if (v == null) {
            return null;
        }
        if (v.getValueType() == JsonValue.ValueType.OBJECT) {
            return v.asJsonObject();
        }
        problem(key, "must be an object");
        return null;
    }

    /** A nested config object, or null when absent or not an object (reported). */
    ConfigObject child(String key) {
        JsonObject object = object(key);
        return object == null ? null : new ConfigObject(object, path(key), problems);
    }

    /** The elements of an array field, or null when absent or not an array (reported). */
    JsonArray array(String key, String what) {
        JsonValue v = fields.get(key);
        if (v == null) {
            return null;
        }
        if (v.getValueType() == JsonValue.ValueType.ARRAY) {
            return v.asJsonArray();
        }
        problem(key, "must be an array of " + what);
        return null;
    }

    /** An array of objects, each as a config object; other elements are reported and skipped. */
    List<ConfigObject> children(String key) {
        JsonArray array = array(key, "objects");
        if (array == null) {
            return null;
        }
        List<ConfigObject> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = path(key) + "[" + i + "]";
            if (array.get(i).getValueType() == JsonValue.ValueType.OBJECT) {
                out.add(new ConfigObject(array.getJsonObject(i), at, problems));
            } else {
                problems.add(new ConfigProblem(at, "must be an object"));
            }
        }
        return out;
    }

    /** An array of header names, lower-cased. */
    List<String> headerNames(String key) {
        JsonArray array = array(key, "strings");
        if (array == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof JsonString s) {
                out.add(s.getString().strip().toLowerCase(Locale.ROOT));
            } else {
                problems.add(new ConfigProblem(path(key) + "[" + i + "]", "must be a string"));
            }
        }
        return out;
    }

    /** An array of HTTP status codes (range-checked by validation). */
    List<Integer> statusCodes(String key) {
        JsonArray array = array(key, "status codes");
        if (array == null) {
            return null;
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i) instanceof JsonNumber n && n.isIntegral() && n.bigIntegerValue().bitLength() < 32) {
                out.add(n.intValue());
            } else {
                problems.add(new ConfigProblem(path(key) + "[" + i + "]", "must be a whole number (an HTTP status code)"));
            }
        }
        return out;
    }
}
