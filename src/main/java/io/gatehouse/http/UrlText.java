package io.gatehouse.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * URL text as clients send it, made safe to send on or read, never refused with an exception: a malformed
 * percent-escape ({@code %zz}), a raw space or a non-ASCII character in a path or query is encoded, as a
 * browser would, and every well-formed escape and legal character is kept as it was.
 */
public final class UrlText {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlText() {
    }

    /** {@code raw} with only what no URL may carry unencoded percent-encoded; null stays null. */
    public static String escapeIllegal(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(raw.length() + 8);
        appendEscapingIllegal(out, raw);
        return out.toString();
    }

    public static void appendEscapingIllegal(StringBuilder out, String raw) {
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            if (c == '%' ? i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2)) : isUrlCharacter(c)) {
                out.append((char) c);
            } else if (c <= 0xFF) {
                // The container reads request-line bytes as ISO-8859-1: this restores the byte sent.
                escape(out, (byte) c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    escape(out, b);
                }
            }
            i += Character.charCount(c);
        }
    }

    /**
     * {@code text} as one path segment: every byte of its UTF-8 form but RFC 3986's unreserved characters
     * percent-encoded, so a {@code /}, {@code ?} or {@code #} in it stays inside the segment, and a segment
     * of dots alone ({@code .}, {@code ..}) is encoded too, so it cannot climb the path.
     */
    public static String pathSegment(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        boolean dotsOnly = !text.isEmpty() && text.chars().allMatch(c -> c == '.');
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '~' || (c == '.' && !dotsOnly);
            if (unreserved) {
                out.append((char) c);
            } else {
                escape(out, b);
            }
        }
        return out.toString();
    }

    /**
     * A query string's parameters, each name with its first value, decoded; a malformed escape is read as
     * the characters it is made of ({@code %zz} stays {@code %zz}). Null or empty gives none.
     */
    public static Map<String, String> firstValues(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            values.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return values;
    }

    private static String decode(String raw) {
        return URLDecoder.decode(escapeIllegal(raw), StandardCharsets.UTF_8);
    }

    /** RFC 3986 unreserved, sub-delims, and the delimiters legal in a path or query. */
    private static boolean isUrlCharacter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static void escape(StringBuilder out, byte b) {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
}
