package io.gatehouse.telemetry;

import java.util.Locale;

/**
 * A W3C {@code traceparent} header ({@code 00-<trace id>-<parent span id>-<flags>}): a client's trace that
 * the gateway's spans continue.
 */
public record TraceParent(String traceId, String spanId, boolean sampled) {
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    /** The header parsed, or null when absent or malformed (a new trace is started instead). */
    public static TraceParent parse(String header) {
        if (header == null) {
            return null;
        }
        String[] parts = header.strip().toLowerCase(Locale.ROOT).split("-");
        if (parts.length < 4 || parts[0].length() != 2 || parts[0].equals("ff")
                || (parts[0].equals("00") && parts.length != 4)
                || !isHex(parts[0], 2) || !isHex(parts[1], 32) || !isHex(parts[2], 16) || !isHex(parts[3], 2)
                || parts[1].equals(ZERO_TRACE) || parts[2].equals(ZERO_SPAN)) {
            return null;
        }
        return new TraceParent(parts[1], parts[2], (Integer.parseInt(parts[3], 16) & 1) == 1);
    }

    private static boolean isHex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
