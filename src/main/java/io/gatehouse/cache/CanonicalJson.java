package io.gatehouse.cache;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Set;
import java.util.TreeMap;

/**
 * One text per JSON meaning, so requests that differ only in layout share a cache key: members sorted by
 * name, no whitespace, numbers by value ({@code 1}, {@code 1.0} and {@code 1e0} alike), strings escaped the
 * one way {@link JsonString#toString()} does. Array order is kept: it carries meaning (messages, tools).
 */
final class CanonicalJson {
    private CanonicalJson() {
    }

    /** The canonical text of {@code value}, without the top-level members named in {@code dropped}. */
    static String of(JsonValue value, Set<String> dropped) {
        StringBuilder out = new StringBuilder();
        write(value, dropped, out);
        return out.toString();
    }

    private static void write(JsonValue value, Set<String> dropped, StringBuilder out) {
        switch (value.getValueType()) {
            case OBJECT -> {
                TreeMap<String, JsonValue> sorted = new TreeMap<>(value.asJsonObject());
                dropped.forEach(sorted::remove);
                out.append('{');
                boolean first = true;
                for (var member : sorted.entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    out.append(jakarta.json.Json.createValue(member.getKey())).append(':');
                    write(member.getValue(), Set.of(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                JsonArray array = value.asJsonArray();
                out.append('[');
                for (int i = 0; i < array.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(array.get(i), Set.of(), out);
                }
                out.append(']');
            }
            case NUMBER -> out.append(number((JsonNumber) value));
            default -> out.append(value);
        }
    }

    private static String number(JsonNumber n) {
        var decimal = n.bigDecimalValue();
        return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toString();
    }
}
