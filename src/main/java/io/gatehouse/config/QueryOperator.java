package io.gatehouse.config;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The query operators of Portkey's conditional router. {@code actual} is null when the request lacks
 * the field: then only {@code $ne} and {@code $nin} match, as in Portkey.
 *
 * <p>Equality is by value: numbers compare numerically, and a string equals a number or boolean
 * written the same way, because {@code x-portkey-metadata} values arrive as strings. Ordering operators
 * compare numbers (numeric strings included); anything else does not match.
 */
public enum QueryOperator {
    EQ("$eq") {
        @Override
        boolean test(JsonValue actual, JsonValue operand, Pattern pattern) {
            return actual != null && sameValue(actual, operand);
        }
    },
    NE("$ne") {
        @Override
        boolean test(JsonValue actual, JsonValue operand, Pattern pattern) {
            return actual == null || !sameValue(actual, operand);
        }
    },
    GT("$gt") {
        @Override
        boolean test(JsonValue actual, JsonValue operand, Pattern pattern) {
            return compare(actual, operand).map(c -> c > 0).orElse(false);
        }
    },
    GTE("$gte") {
        @Override
        boolean test(JsonValue actual, JsonValue operand, Pattern pattern) {
            return compare(actual, operand).map(c -> c >= 0).orElse(false);
        }
    },
    LT("$lt") {
        @Override
        boolean test(JsonValue actual, JsonValue operand, Pattern pattern) {
            return compare(actual, operand).map(c -> c < 0).orElse(false);
        }
    },
    LTE("$lte") {
        @Override
        boolean test(JsonValue actual, JsonValue operand, Pattern pattern) {
            return compare(actual, operand).map(c -> c <= 0).orElse(false);
        }
    },
    IN("$in") {
        @Override
        boolean test(JsonValue actual, JsonValue operand, Pattern pattern) {
            return actual != null && operand.asJsonArray().stream().anyMatch(v -> sameValue(actual, v));
        }
    },
    NIN("$nin") {
        @Override
        boolean test(JsonValue actual, JsonValue operand, Pattern pattern) {
            return actual == null || operand.asJsonArray().stream().noneMatch(v -> sameValue(actual, v));
        }
    },
    REGEX("$regex") {
        @Override
        boolean test(JsonValue actual, JsonValue operand, Pattern pattern) {
            String text = text(actual);
            return text != null && pattern.matcher(text).find();
        }
    };

    private final String wireName;

    QueryOperator(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    abstract boolean test(JsonValue actual, JsonValue operand, Pattern pattern);

    public static Optional<QueryOperator> named(String wireName) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(wireName)).findFirst();
    }

    /** Whether {@code value} can be compared by the ordering operators. */
    static boolean isNumeric(JsonValue value) {
        return number(value) != null;
    }

    static boolean sameValue(JsonValue a, JsonValue b) {
        BigDecimal x = a instanceof JsonNumber n ? n.bigDecimalValue() : null;
        BigDecimal y = b instanceof JsonNumber n ? n.bigDecimalValue() : null;
        if (x != null && y != null) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof JsonString s && isScalar(b)) {
            return s.getString().equals(text(b));
        }
        if (b instanceof JsonString s && isScalar(a)) {
            return s.getString().equals(text(a));
        }
        return a.equals(b);
    }

    private static Optional<Integer> compare(JsonValue actual, JsonValue operand) {
        BigDecimal x = number(actual);
        BigDecimal y = number(operand);
        return x == null || y == null ? Optional.empty() : Optional.of(x.compareTo(y));
    }

    private static BigDecimal number(JsonValue v) {
        if (v instanceof JsonNumber n) {
            return n.bigDecimalValue();
        }
        if (v instanceof JsonString s) {
            try {
                return new BigDecimal(s.getString().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean isScalar(JsonValue v) {
        return v instanceof JsonString || v instanceof JsonNumber
                || v.getValueType() == JsonValue.ValueType.TRUE || v.getValueType() == JsonValue.ValueType.FALSE;
    }

    private static String text(JsonValue v) {
        if (v instanceof JsonString s) {
            return s.getString();
        }
        return v != null && isScalar(v) ? v.toString() : null;
    }
}
