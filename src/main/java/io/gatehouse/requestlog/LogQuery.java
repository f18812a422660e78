package io.gatehouse.requestlog;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

/**
 * A search of the request log: every filter optional, newest first, one page.
 *
 * @param traceId     exact trace id
 * @param statusMin   lowest status (inclusive)
 * @param statusMax   highest status (inclusive)
 * @param provider    provider slug
 * @param model       the model that answered, or the one asked for
 * @param keyName     gateway key name
 * @param metadataKey a metadata key whose value must be {@code metadataValue}
 * @param from        earliest arrival (inclusive)
 * @param to          latest arrival (exclusive)
 * @param limit       records per page
 * @param offset      records skipped
 */
public record LogQuery(String traceId, Integer statusMin, Integer statusMax, String provider, String model, String keyName,
                       String metadataKey, String metadataValue, Instant from, Instant to, int limit, int offset) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    /** Every record, newest first, the first page. */
    public static final LogQuery ALL = new LogQuery(null, null, null, null, null, null, null, null, null, null, DEFAULT_LIMIT, 0);

    /** Every record of one trace id (a client may send the same one again), newest first. */
    public static LogQuery byTrace(String traceId) {
        return new LogQuery(traceId, null, null, null, null, null, null, null, null, null, MAX_LIMIT, 0);
    }

    /**
     * Reads a search from query parameters: {@code trace_id}, {@code status} (a code, {@code 4xx}, {@code 5xx} or
     * {@code error}), {@code provider}, {@code model}, {@code key}, {@code metadata} ({@code key=value}),
     * {@code from} and {@code to} (ISO-8601 instants or epoch milliseconds), {@code limit}, {@code offset}.
     *
     * @throws IllegalArgumentException naming the parameter that is wrong
     */
    public static LogQuery parse(Function<String, String> param) {
        Integer min = null;
        Integer max = null;
        String status = blankToNull(param.apply("status"));
        if (status != null) {
            int[] range = statusRange(status.toLowerCase(Locale.ROOT));
            min = range[0];
            max = range[1];
        }
        String metadataKey = null;
        String metadataValue = null;
        String metadata = blankToNull(param.apply("metadata"));
        if (metadata != null) {
            int eq = metadata.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("metadata must be key=value, not '" + metadata + "'");
            }
            metadataKey = metadata.substring(0, eq);
            metadataValue = metadata.substring(eq + 1);
        }
        return new LogQuery(blankToNull(param.apply("trace_id")), min, max, blankToNull(param.apply("provider")),
                blankToNull(param.apply("model")), blankToNull(param.apply("key")), metadataKey, metadataValue,
                instant("from", param.apply("from")), instant("to", param.apply("to")),
                whole("limit", param.apply("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT),
                whole("offset", param.apply("offset"), 0, 0, Integer.MAX_VALUE));
    }

    private static int[] statusRange(String status) {
        switch (status) {
            case "error":
                return new int[] {400, 599};
            case "2xx", "3xx", "4xx", "5xx":
                int hundreds = (status.charAt(0) - '0') * 100;
                return new int[] {hundreds, hundreds + 99};
            default:
                int code = whole("status", status, 0, 100, 599);
                return new int[] {code, code};
        }
    }

    /** An ISO-8601 instant ({@code 2026-12-04T21:00:00Z}) or epoch milliseconds. */
    static Instant instant(String name, String value) {
        value = blankToNull(value);
        if (value == null) {
            return null;
        }
        try {
            return value.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(value)) : Instant.parse(value);
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant or epoch milliseconds, not '" + value + "'");
        }
    }

    private static int whole(String name, String value, int fallback, int min, int max) {
        value = blankToNull(value);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
