package io.gatehouse.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/**
 * JSON comparisons that show a readable diff (keys sorted, one per line). In an expected value, a string
 * {@code "GENERATED:<prefix>"} stands for any string the gateway generated with that prefix (ids), and
 * {@code "GENERATED:"} for any string at all.
 */
public final class JsonAssertions {
    public static final String GENERATED = "GENERATED:";
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonAssertions() {
    }

    public static void assertJsonMatches(JsonValue expected, JsonValue actual, String what) {
        assertEquals(pretty(expected), pretty(withPlaceholders(expected, actual)), what);
    }

    /** {@code actual}, with every generated string the expectation allows replaced by its placeholder. */
    static JsonValue withPlaceholders(JsonValue expected, JsonValue actual) {
        if (expected instanceof JsonString e && e.getString().startsWith(GENERATED) && actual instanceof JsonString a
                && a.getString().startsWith(e.getString().substring(GENERATED.length()))) {
            return e;
        }
        if (expected.getValueType() == JsonValue.ValueType.OBJECT && actual.getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObjectBuilder out = JSON.createObjectBuilder();
            actual.asJsonObject().forEach((k, v) -> out.add(k, expected.asJsonObject().containsKey(k)
                    ? withPlaceholders(expected.asJsonObject().get(k), v) : v));
            return out.build();
        }
        if (expected.getValueType() == JsonValue.ValueType.ARRAY && actual.getValueType() == JsonValue.ValueType.ARRAY) {
            JsonArrayBuilder out = JSON.createArrayBuilder();
            for (int i = 0; i < actual.asJsonArray().size(); i++) {
                JsonValue v = actual.asJsonArray().get(i);
                out.add(i < expected.asJsonArray().size() ? withPlaceholders(expected.asJsonArray().get(i), v) : v);
            }
            return out.build();
        }
        return actual;
    }

    /** Canonical text (sorted keys) so a failing comparison shows a readable diff. */
    public static String pretty(JsonValue v) {
        return switch (v.getValueType()) {
            case OBJECT -> {
                StringBuilder sb = new StringBuilder("{");
                v.asJsonObject().keySet().stream().sorted().forEach(k ->
                        sb.append('\n').append(JSON.createValue(k)).append(": ").append(pretty(v.asJsonObject().get(k)).replace("\n", "\n  ")).append(','));
                yield sb.append("\n}").toString();
            }
            case ARRAY -> {
                StringBuilder sb = new StringBuilder("[");
                v.asJsonArray().forEach(e -> sb.append('\n').append(pretty(e).replace("\n", "\n  ")).append(','));
                yield sb.append("\n]").toString();
            }
            default -> v.toString();
        };
    }
}
