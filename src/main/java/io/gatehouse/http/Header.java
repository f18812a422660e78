package io.gatehouse.http;

/** One HTTP header line. Names keep the case they were given; comparisons elsewhere ignore it. */
public record Header(String name, String value) {
    /**
     * A {@code Content-Length} value as a length: digits only (as HTTP defines it; {@code Long.parseLong}
     * would also take a sign), or -1 when absent or not a length.
     */
    public static long contentLength(String value) {
        if (value == null) {
            return -1;
        }
        String digits = value.strip();
        if (digits.isEmpty() || digits.length() > 18) {
            return -1;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(digits);
    }
}
