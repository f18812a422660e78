package io.gatehouse.config;

import jakarta.json.JsonValue;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A conditional-routing query, checked and compiled when the config is parsed (operators known,
 * regexes compiled), so matching a request only reads values.
 *
 * <p>Fields are {@code metadata.<key>} ({@code x-portkey-metadata}), {@code params.<path>} (the request
 * body, any depth: {@code params.response_format.type}, {@code params.messages.0.role}) and
 * {@code url.pathname}.
 */
public sealed interface Query {

    /** Reads a query field from the request; null when the request has no such value. */
    @FunctionalInterface
    interface Fields {
        JsonValue get(String field);
    }

    boolean matches(Fields fields);

    /** Every part must match: several keys in one object, or {@code $and}. An empty list matches. */
    record All(List<Query> parts) implements Query {
        public All {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean matches(Fields fields) {
            return parts.stream().allMatch(p -> p.matches(fields));
        }
    }

    /** At least one part must match: {@code $or}. */
    record Any(List<Query> parts) implements Query {
        public Any {
            parts = List.copyOf(parts);
        }

        @Override
        public boolean matches(Fields fields) {
            return parts.stream().anyMatch(p -> p.matches(fields));
        }
    }

    /**
     * One operator applied to one field.
     *
     * @param pattern the compiled operand of {@code $regex}, else null
     */
    record Test(String field, QueryOperator operator, JsonValue operand, Pattern pattern) implements Query {
        @Override
        public boolean matches(Fields fields) {
            return operator.test(fields.get(field), operand, pattern);
        }
    }
}
