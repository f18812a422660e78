package io.gatehouse.pipeline;

import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Minimal edits to a JSON object's bytes, so a body that must change in one place (the model name without
 * its {@code @slug/}, a usage request added to a stream) is otherwise sent byte for byte. Works on bodies
 * {@link JsonBody} has already checked to be one valid JSON object.
 */
final class JsonMembers {
    private static final JsonProvider JSON = JsonProvider.provider();

    private JsonMembers() {
    }

    /** Every top-level member named {@code name} whose value is a string gets {@code value} instead. */
    static byte[] replaceString(byte[] json, String name, String value) {
        byte[] replacement = JSON.createValue(value).toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + replacement.length);
        int copied = 0;
        for (int[] span : valueSpans(json, name)) {
            if (json[span[0]] == '"') {
                out.write(json, copied, span[0] - copied);
                out.write(replacement, 0, replacement.length);
                copied = span[1];
            }
        }
        out.write(json, copied, json.length - copied);
        return out.toByteArray();
    }

    /** {@code member} (e.g. {@code "a":1}) added as the object's first member. */
    static byte[] prepend(byte[] json, String member) {
        int open = 0;
        while (json[open] != '{') {
            open++;
        }
        byte[] added = (member + ",").getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(json, json.length + added.length);
        System.arraycopy(added, 0, out, open + 1, added.length);
        System.arraycopy(json, open + 1, out, open + 1 + added.length, json.length - open - 1);
        return out;
    }

    /** {@code [start, end)} of the value of every top-level member named {@code name}, in order. */
    static List<int[]> valueSpans(byte[] json, String name) {
        List<int[]> spans = new ArrayList<>();
        int depth = 0;
        int i = 0;
        while (i < json.length) {
            byte b = json[i];
            if (b == '"') {
                int end = stringEnd(json, i);
                int colon = skipSpace(json, end);
                if (depth == 1 && colon < json.length && json[colon] == ':' && keyIs(json, i, end, name)) {
                    int start = skipSpace(json, colon + 1);
                    int valueEnd = valueEnd(json, start);
                    spans.add(new int[] {start, valueEnd});
                    i = valueEnd;
                } else {
                    i = end;
                }
                continue;
            }
            depth += nesting(b);
            i++;
        }
        return spans;
    }

    /** +1 for an opening bracket or brace, -1 for a closing one, 0 for anything else (outside strings). */
    private static int nesting(byte b) {
        return b == '{' || b == '[' ? 1 : b == '}' || b == ']' ? -1 : 0;
    }

    /** The index just after the string that starts (with its quote) at {@code start}. */
    private static int stringEnd(byte[] json, int start) {
        int i = start + 1;
        while (json[i] != '"') {
            i += json[i] == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private static int skipSpace(byte[] json, int i) {
        while (i < json.length && (json[i] == ' ' || json[i] == '\t' || json[i] == '\n' || json[i] == '\r')) {
            i++;
        }
        return i;
    }

    /** The index just after the value starting at {@code start}: a string, an object or array, or a literal. */
    private static int valueEnd(byte[] json, int start) {
        byte first = json[start];
        if (first == '"') {
            return stringEnd(json, start);
        }
        if (first == '{' || first == '[') {
            int depth = 0;
            int i = start;
            do {
                byte b = json[i];
                if (b == '"') {
                    i = stringEnd(json, i);
                    continue;
                }
                depth += nesting(b);
                i++;
            } while (depth > 0);
            return i;
        }
        int i = start;
        while (i < json.length && ",}] \t\r\n".indexOf(json[i]) < 0) {
            i++;
        }
        return i;
    }

    /** Whether the string token {@code [start, end)} (quotes included) spells {@code name}, escapes decoded. */
    private static boolean keyIs(byte[] json, int start, int end, String name) {
        String raw = new String(json, start, end - start, StandardCharsets.UTF_8);
        if (raw.indexOf('\\') < 0) {
            return raw.length() == name.length() + 2 && raw.regionMatches(1, name, 0, name.length());
        }
        try (var reader = JSON.createReader(new StringReader("[" + raw + "]"))) {
            return name.equals(reader.readArray().getJsonString(0).getString());
        } catch (RuntimeException e) {
            return false;
        }
    }
}
