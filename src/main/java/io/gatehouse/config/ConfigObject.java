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
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One JSON object of a config, keys normalised to snake_case, read with type checks that record a
 * {@link ConfigProblem} (with its JSON path) instead of stopping, so one pass reports everything.
 * A JSON {@code null} reads as absent.
 */
public final class ConfigObject {
    private final Map<String, JsonValue> fields = new LinkedHashMap<>();
    private final String path;
    private final List<ConfigProblem> problems;

    public ConfigObject(JsonObject json, String path, List<ConfigProblem> problems) {
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

    public Set<String> keys() {
        return fields.keySet();
    }

    public boolean has(String key) {
        return fields.containsKey(key);
    }

    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public void problem(String key, String message) {
        problems.add(new ConfigProblem(path(key), message));
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    public JsonValue raw(String key) {
        return fields.get(key);
    }

    public String string(String key) {
        return typed(key, "a string", v -> v instanceof JsonString s ? s.getString() : null);
    }

    public Boolean bool(String key) {
        return typed(key, "true or false", v -> switch (v.getValueType()) {
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            default -> null;
        });
    }

    public Long wholeNumber(String key) {
        return typed(key, "a whole number", ConfigObject::exactLong);
    }

    public Double number(String key) {
        return typed(key, "a number", v -> v instanceof JsonNumber n ? n.doubleValue() : null);
    }

    public JsonObject object(String key) {
        return typed(key, "an object", ConfigObject::asObject);
    }

    /** A number as written (prices, amounts): no binary rounding. */
    public java.math.BigDecimal decimal(String key) {
        return typed(key, "a number", v -> v instanceof JsonNumber n ? n.bigDecimalValue() : null);
    }

    /** An array of strings as written (names, patterns). */
    public List<String> strings(String key) {
        return elements(key, "strings", "a string", (v, at) -> v instanceof JsonString s ? s.getString() : null);
    }

    /** An object of string values (metadata); other values are reported and skipped. */
    public Map<String, String> stringMap(String key) {
        JsonObject object = object(key);
        if (object == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        object.forEach((name, value) -> {
            if (value instanceof JsonString s) {
                out.put(name, s.getString());
            } else {
                problems.add(new ConfigProblem(path(key) + "." + name, "must be a string"));
            }
        });
        return out;
    }

    /** Every member of an object whose values are objects, by name; other members are reported and skipped. */
    public Map<String, ConfigObject> childrenByName(String key) {
        JsonObject object = object(key);
        if (object == null) {
            return null;
        }
        Map<String, ConfigObject> out = new LinkedHashMap<>();
        object.forEach((name, value) -> {
            String at = path(key) + "." + name;
            if (value.getValueType() == JsonValue.ValueType.OBJECT) {
                out.put(name, new ConfigObject(value.asJsonObject(), at, problems));
            } else {
                problems.add(new ConfigProblem(at, "must be an object"));
            }
        });
        return out;
    }

    /** Refuses every key not in {@code allowed}, naming the ones that are. */
    public void allowOnly(Set<String> allowed) {
        for (String key : keys()) {
            if (!allowed.contains(key)) {
                problem(key, "is not a field here (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    /** A nested config object, or null when absent or not an object (reported). */
    public ConfigObject child(String key) {
        JsonObject object = object(key);
        return object == null ? null : new ConfigObject(object, path(key), problems);
    }

    /** An array of objects, each as a config object; other elements are reported and skipped. */
    public List<ConfigObject> children(String key) {
        return elements(key, "objects", "an object",
                (v, at) -> v.getValueType() == JsonValue.ValueType.OBJECT ? new ConfigObject(v.asJsonObject(), at, problems) : null);
    }

    /** An array of header names, lower-cased. */
    public List<String> headerNames(String key) {
        return elements(key, "strings", "a string",
                (v, at) -> v instanceof JsonString s ? s.getString().strip().toLowerCase(Locale.ROOT) : null);
    }

    /** An array of HTTP status codes (range-checked by validation). */
    public List<Integer> statusCodes(String key) {
        return elements(key, "status codes", "a whole number (an HTTP status code)", (v, at) -> {
            Long n = exactLong(v);
            return n == null || n != n.intValue() ? null : n.intValue();
        });
    }

    /** The field as {@code read} converts it, or null when absent; a value it cannot convert (null) is reported. */
    private <T> T typed(String key, String expected, Function<JsonValue, T> read) {
        JsonValue v = fields.get(key);
        if (v == null) {
            return null;
        }
        T value = read.apply(v);
        if (value == null) {
            problem(key, "must be " + expected);
        }
        return value;
    }

    /**
     * An array's elements as {@code read} converts them (given each element's path); each it cannot
     * convert is reported and skipped.
     */
    private <T> List<T> elements(String key, String what, String expected, BiFunction<JsonValue, String, T> read) {
        JsonArray array = typed(key, "an array of " + what,
                v -> v.getValueType() == JsonValue.ValueType.ARRAY ? v.asJsonArray() : null);
        if (array == null) {
            return null;
        }
        List<T> out = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String at = path(key) + "[" + i + "]";
            T value = read.apply(array.get(i), at);
            if (value == null) {
                problems.add(new ConfigProblem(at, "must be " + expected));
            } else {
                out.add(value);
            }
        }
        return out;
    }

    private static JsonObject asObject(JsonValue v) {
        return v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : null;
    }

    private static Long exactLong(JsonValue v) {
        if (v instanceof JsonNumber n && n.isIntegral()) {
            try {
                return n.longValueExact();
            } catch (ArithmeticException tooBig) {
                return null;
            }
        }
        return null;
    }
}
