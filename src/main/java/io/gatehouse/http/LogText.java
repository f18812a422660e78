package io.gatehouse.http;

/**
 * Text from clients and providers (model names, trace ids, upstream error messages) as it may appear in a
 * log line: control characters and Unicode line separators escaped, so no one can forge or split log
 * lines, and cut to a length a line can afford.
 */
public final class LogText {
    static final int MAX_CHARS = 500;

    private LogText() {
    }

    /** {@code text} safe for one log line; {@code -} for null. */
    public static String of(Object text) {
        if (text == null) {
            return "-";
        }
        String s = text.toString();
        StringBuilder out = null;
        int end = Math.min(s.length(), MAX_CHARS);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            boolean unsafe = c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085';
            if (unsafe && out == null) {
                out = new StringBuilder(end + 16).append(s, 0, i);
            }
            if (out != null) {
                if (!unsafe) {
                    out.append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else if (c == '\t') {
                    out.append("\\t");
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        String safe = out != null ? out.toString() : end == s.length() ? s : s.substring(0, end);
        return end < s.length() ? safe + "…(" + s.length() + " chars)" : safe;
    }
}
