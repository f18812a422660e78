package io.gatehouse.usage;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Captures the values of a few top-level members of a JSON object as its bytes go past, in any number of
 * reads, without holding the document: what the relay of a pass-through answer uses to learn its
 * {@code usage} and {@code model} however large the answer (an embeddings answer can be hundreds of MB).
 * A value longer than {@link #MAX_VALUE_BYTES} is dropped. Invalid JSON yields whatever was captured.
 * Keys are compared as a JSON parser reads them ({@code "mod\u0065l"} is {@code model}), and a member
 * written twice is counted ({@link #times}): JSON parsers disagree on which of the two wins.
 */
public final class TopLevelMembers {
    static final int MAX_VALUE_BYTES = 64 * 1024;
    private static final int MAX_KEY_BYTES = 64;

    private final Set<String> wanted;
    private final Map<String, String> captured = new LinkedHashMap<>();
    private final Map<String, Integer> seen = new HashMap<>();

    private int depth;
    private boolean inString;
    private boolean escaped;
    /** The string being read at depth 1 (a key, if a colon follows), or null past {@link #MAX_KEY_BYTES}. */
    private ByteArrayOutputStream key;
    private String lastString;
    private boolean awaitingColon;
    private String capturing;
    private ByteArrayOutputStream value;
    private int valueDepth;
    private byte valueKind;

    public TopLevelMembers(Set<String> wanted) {
        this.wanted = Set.copyOf(wanted);
    }

    public void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            next(bytes[i]);
        }
    }

    /** How many times the wanted member {@code name} was written at the top level (captured or too long). */
    public int times(String name) {
        return seen.getOrDefault(name, 0);
    }

    /** Each wanted member seen, as raw JSON text (the last one when written twice). */
    public Map<String, String> captured() {
        return captured;
    }

    private void next(byte b) {
        if (capturing != null) {
            capture(b);
            return;
        }
        if (inString) {
            if (closesString(b)) {
                inString = false;
                if (key != null) {
                    lastString = unescaped(key.toString(StandardCharsets.UTF_8));
                    awaitingColon = true;
                }
                return;
            }
            if (key != null) {
                key.write(b);
                if (key.size() > MAX_KEY_BYTES) {
                    key = null;
                }
            }
            return;
        }
        if (isSpace(b)) {
            return;
        }
        if (awaitingColon && b == ':') {
            awaitingColon = false;
            if (wanted.contains(lastString)) {
                seen.merge(lastString, 1, Integer::sum);
                capturing = lastString;
                value = new ByteArrayOutputStream();
                valueDepth = 0;
            }
            return;
        }
        awaitingColon = false;
        switch (b) {
            case '"' -> {
                inString = true;
                key = depth == 1 ? new ByteArrayOutputStream() : null;
            }
            case '{', '[' -> depth++;
            case '}', ']' -> depth--;
            default -> { }
        }
    }

    /** Copies one byte of the wanted value, and notices where the value ends. */
    private void capture(byte b) {
        if (value.size() == 0) {
            if (isSpace(b)) {
                return;
            }
            valueKind = b;
        }
        boolean scalar = valueKind != '"' && valueKind != '{' && valueKind != '[';
        if (scalar && (b == ',' || b == '}' || b == ']' || isSpace(b))) {
            finish();
            next(b);
            return;
        }
        value.write(b);
        if (inString) {
            if (closesString(b)) {
                inString = false;
                if (valueDepth == 0) {
                    finish();
                }
            }
        } else if (b == '"') {
            inString = true;
        } else if (b == '{' || b == '[') {
            valueDepth++;
        } else if ((b == '}' || b == ']') && --valueDepth == 0) {
            finish();
        }
        if (value != null && value.size() > MAX_VALUE_BYTES) {
            capturing = null; // far larger than any usage or model: not what was wanted
            value = null;
        }
    }

    /** Inside a string: whether {@code b} is its closing quote (escapes followed). */
    private boolean closesString(byte b) {
        if (escaped) {
            escaped = false;
            return false;
        }
        escaped = b == '\\';
        return b == '"';
    }

    private void finish() {
        captured.put(capturing, value.toString(StandardCharsets.UTF_8));
        capturing = null;
        value = null;
    }

    /** A key's text as a parser reads it: its escapes decoded (null when they are invalid). */
    private static String unescaped(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        try (JsonReader reader = Json.createReader(new StringReader('"' + raw + '"'))) {
            return reader.readValue() instanceof JsonString s ? s.getString() : null;
        } catch (JsonException e) {
            return null;
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
