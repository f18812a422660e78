package io.gatehouse.model;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.StringReader;

/**
 * Small JSON-P helpers for the mappers: lenient getters for reading provider answers (a missing or
 * mistyped field reads as absent) and null-skipping setters for writing bodies.
 */
public final class Json {
    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private Json() {
    }

    public static JsonObjectBuilder object() {
        return PROVIDER.createObjectBuilder();
    }

    public static JsonArrayBuilder array() {
        return PROVIDER.createArrayBuilder();
    }

    /** Parses bytes as one JSON value; throws {@link JsonException} when they are not JSON. */
    public static JsonValue parse(byte[] bytes, int offset, int length) {
        try (var reader = PROVIDER.createReader(new ByteArrayInputStream(bytes, offset, length))) {
            return reader.readValue();
        } catch (java.util.NoSuchElementException e) {
            throw new JsonException("empty JSON", e);
        }
    }

    public static JsonValue parse(String text) {
        try (var reader = PROVIDER.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (java.util.NoSuchElementException e) {
            throw new JsonException("empty JSON", e);
        }
    }

    /** Parses a JSON object, or returns null when the text is not one. */
    public static JsonObject parseObjectOrNull(String text) {
        try {
            JsonValue v = parse(text);
            return v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : null;
        } catch (JsonException e) {
            return null;
        }
    }

    public static String string(JsonObject o, String key) {
        return o != null && o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    public static JsonObject object(JsonObject o, String key) {
        JsonValue v = o == null ? null : o.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : null;
    }

    /** The array at {@code key}, or an empty one. */
    public static JsonArray array(JsonObject o, String key) {
        JsonValue v = o == null ? null : o.get(key);
        return v != null && v.getValueType() == JsonValue.ValueType.ARRAY ? v.asJsonArray() : JsonValue.EMPTY_JSON_ARRAY;
    }

    /** The numbers of an array as doubles (an embedding vector); non-numbers read as 0. */
    public static double[] doubles(JsonValue array) {
        if (array == null || array.getValueType() != JsonValue.ValueType.ARRAY) {
            return new double[0];
        }
        JsonArray values = array.asJsonArray();
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i) instanceof JsonNumber n ? n.doubleValue() : 0;
        }
        return out;
    }

    public static Integer integer(JsonObject o, String key) {
        return o != null && o.get(key) instanceof JsonNumber n ? n.intValue() : null;
    }

    public static int integer(JsonObject o, String key, int absent) {
        Integer v = integer(o, key);
        return v == null ? absent : v;
    }

    public static boolean isTrue(JsonObject o, String key) {
        return o != null && o.get(key) == JsonValue.TRUE;
    }

    public static void put(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }

    public static void put(JsonObjectBuilder b, String key, Integer value) {
        if (value != null) {
            b.add(key, value);
        }
    }

    public static void put(JsonObjectBuilder b, String key, Long value) {
        if (value != null) {
            b.add(key, value);
        }
    }

    public static void put(JsonObjectBuilder b, String key, Double value) {
        if (value != null) {
            b.add(key, value);
        }
    }

    public static void put(JsonObjectBuilder b, String key, Boolean value) {
        if (value != null) {
            b.add(key, value);
        }
    }

    /** A string array, or nothing when the list is empty. */
    public static void put(JsonObjectBuilder b, String key, java.util.List<String> values) {
        if (!values.isEmpty()) {
            JsonArrayBuilder array = array();
            values.forEach(array::add);
            b.add(key, array);
        }
    }

    public static void put(JsonObjectBuilder b, String key, JsonValue value) {
        if (value != null) {
            b.add(key, value);
        }
    }
}
