package io.gatehouse.config;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads a condition's {@code query} (kept verbatim: its keys are field paths, not config keys) into a
 * {@link Query}. Unknown operators, unknown fields, wrong operand types and bad regexes are problems
 * found now, not when a request happens to reach them.
 */
final class QueryParser {
    private static final int MAX_NAME_IN_MESSAGE = 64;

    private final List<ConfigProblem> problems;

    QueryParser(List<ConfigProblem> problems) {
        this.problems = problems;
    }

    Query parse(JsonObject query, String path) {
        List<Query> parts = new ArrayList<>();
        for (Map.Entry<String, JsonValue> e : query.entrySet()) {
            String key = e.getKey();
            String at = path + "." + key;
            switch (key) {
                case "$and" -> subQueries(e.getValue(), at).map(Query.All::new).ifPresent(parts::add);
                case "$or" -> subQueries(e.getValue(), at).map(Query.Any::new).ifPresent(parts::add);
                default -> {
                    if (key.startsWith("$")) {
                        problem(at, "unknown operator " + shown(key) + " (allowed here: $and, $or, or a field)");
                    } else if (isField(key, at)) {
                        fieldTests(key, e.getValue(), at, parts);
                    }
                }
            }
        }
        return parts.size() == 1 ? parts.get(0) : new Query.All(parts);
    }

    private Optional<List<Query>> subQueries(JsonValue value, String at) {
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            problem(at, "must be an array of queries");
            return Optional.empty();
        }
        List<Query> subs = new ArrayList<>();
        for (int i = 0; i < value.asJsonArray().size(); i++) {
            JsonValue item = value.asJsonArray().get(i);
            if (item.getValueType() == JsonValue.ValueType.OBJECT) {
                subs.add(parse(item.asJsonObject(), at + "[" + i + "]"));
            } else {
                problem(at + "[" + i + "]", "must be a query object");
            }
        }
        return Optional.of(subs);
    }

    /** A plain value means equality; an object holds operators, all of which must hold. */
    private void fieldTests(String field, JsonValue value, String at, List<Query> parts) {
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            parts.add(new Query.Test(field, QueryOperator.EQ, value, null));
            return;
        }
        if (value.asJsonObject().isEmpty()) {
            problem(at, "must name at least one operator");
        }
        for (Map.Entry<String, JsonValue> op : value.asJsonObject().entrySet()) {
            String opAt = at + "." + op.getKey();
            Optional<QueryOperator> operator = QueryOperator.named(op.getKey());
            if (operator.isEmpty()) {
                problem(opAt, "unknown operator " + shown(op.getKey())
                        + " (supported: $eq, $ne, $gt, $gte, $lt, $lte, $in, $nin, $regex)");
                continue;
            }
            test(field, operator.get(), op.getValue(), opAt).ifPresent(parts::add);
        }
    }

    private Optional<Query> test(String field, QueryOperator operator, JsonValue operand, String at) {
        switch (operator) {
            case IN, NIN -> {
                if (operand.getValueType() != JsonValue.ValueType.ARRAY) {
                    problem(at, "must be an array");
                    return Optional.empty();
                }
            }
            case GT, GTE, LT, LTE -> {
                if (!QueryOperator.isNumeric(operand)) {
                    problem(at, "must be a number");
                    return Optional.empty();
                }
            }
            case REGEX -> {
                if (!(operand instanceof JsonString s)) {
                    problem(at, "must be a string (a regular expression)");
                    return Optional.empty();
                }
                try {
                    return Optional.of(new Query.Test(field, operator, operand, Pattern.compile(s.getString())));
                } catch (PatternSyntaxException e) {
                    problem(at, "is not a valid regular expression: " + e.getDescription());
                    return Optional.empty();
                }
            }
            default -> { }
        }
        return Optional.of(new Query.Test(field, operator, operand, null));
    }

    private boolean isField(String key, String at) {
        boolean known = key.equals("url.pathname")
                || (key.startsWith("metadata.") && key.length() > "metadata.".length())
                || (key.startsWith("params.") && key.length() > "params.".length());
        if (!known) {
            problem(at, "unknown field " + shown(key) + ": conditions read metadata.<key>, params.<path> or url.pathname");
        }
        return known;
    }

    private void problem(String path, String message) {
        problems.add(new ConfigProblem(path, message));
    }

    private static String shown(String name) {
        return "'" + (name.length() > MAX_NAME_IN_MESSAGE ? name.substring(0, MAX_NAME_IN_MESSAGE) + "…" : name) + "'";
    }
}
