package io.gatehouse.guardrails;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/** A check's parameters, with Portkey's names, read with their types checked. */
final class Parameters {
    private final JsonObject json;

    Parameters(JsonObject json) {
        this.json = json;
    }

    /** A parameter of the wrong type, or a required one missing: the check errs. */
    static final class InvalidParameterException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidParameterException(String message) {
            super(message);
        }
    }

    JsonObject json() {
        return json;
    }

    boolean has(String name) {
        JsonValue v = json.get(name);
        return v != null && v.getValueType() != JsonValue.ValueType.NULL;
    }

    JsonValue raw(String name) {
        return json.get(name);
    }

    String string(String name) {
        if (!has(name)) {
            return null;
        }
        if (json.get(name) instanceof JsonString s) {
            return s.getString();
        }
        throw new InvalidParameterException(name + " must be a string");
    }

    String required(String name) {
        String value = string(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidParameterException(name + " is required");
        }
        return value;
    }

    boolean bool(String name, boolean absent) {
        if (!has(name)) {
            return absent;
        }
        return switch (json.get(name).getValueType()) {
            case TRUE -> true;
            case FALSE -> false;
            default -> throw new InvalidParameterException(name + " must be true or false");
        };
    }

    long integer(String name) {
        if (json.get(name) instanceof JsonNumber n && n.isIntegral()) {
            return n.longValueExact();
        }
        throw new InvalidParameterException(name + " must be a whole number");
    }

    long integer(String name, long absent) {
        return has(name) ? integer(name) : absent;
    }

    double number(String name, double absent) {
        if (!has(name)) {
            return absent;
        }
        if (json.get(name) instanceof JsonNumber n) {
            return n.doubleValue();
        }
        throw new InvalidParameterException(name + " must be a number");
    }

    /** An array of strings; a string is read as a comma-separated list. Null when absent. */
    List<String> strings(String name) {
        if (!has(name)) {
            return null;
        }
        JsonValue v = json.get(name);
        List<String> values = new ArrayList<>();
        if (v instanceof JsonString s) {
            for (String part : s.getString().split(",")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
            return values;
        }
        if (v instanceof JsonArray array) {
            for (JsonValue element : array) {
                if (!(element instanceof JsonString s)) {
                    throw new InvalidParameterException(name + " must be an array of strings");
                }
                values.add(s.getString());
            }
            return values;
        }
        throw new InvalidParameterException(name + " must be an array of strings");
    }

    JsonObject object(String name) {
        if (!has(name)) {
            return null;
        }
        if (json.get(name) instanceof JsonObject o) {
            return o;
        }
        throw new InvalidParameterException(name + " must be an object");
    }
}
