package io.gatehouse.pipeline;

import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * A unified route's request body: the exact bytes the client sent, checked to be one JSON object, with
 * the two fields routing needs ({@code stream}, {@code model}) read by a single streaming pass. The body
 * is only re-serialised when something must change in it (override params).
 *
 * @param raw          the bytes as received
 * @param stream       whether {@code "stream": true} was sent
 * @param model        the top-level {@code model}, or null
 * @param includeUsage whether {@code "stream_options": {"include_usage": true}} was sent
 */
public record JsonBody(byte[] raw, boolean stream, String model, boolean includeUsage) {
    private static final JsonProvider JSON = JsonProvider.provider();
    /**
     * Up to this declared length a body gets its array up front. Beyond it memory grows with the bytes that
     * actually arrive: a client's Content-Length alone must not make the gateway allocate megabytes.
     */
    static final int PRESIZED_LIMIT = 64 * 1024;

    /**
     * Reads at most {@code maxBytes} from the client, then parses. A body declared over the limit is refused
     * unread, and one that ends before its declared length is unreadable.
     *
     * @param declaredLength the request's {@code Content-Length}, or -1 (chunked, or not sent)
     */
    public static JsonBody read(InputStream in, long maxBytes, long declaredLength) {
        if (declaredLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] raw = declaredLength >= 0 && declaredLength <= PRESIZED_LIMIT
                ? readExactly(in, (int) declaredLength)
                : readBounded(in, maxBytes);
        if (declaredLength > PRESIZED_LIMIT && raw.length != declaredLength) {
            throw unreadable();
        }
        return parse(raw);
    }

    /** A small declared body is read into one array of its size: no copy, no growing buffer. */
    private static byte[] readExactly(InputStream in, int length) {
        byte[] raw = new byte[length];
        int off = 0;
        try {
            while (off < length) {
                int n = in.read(raw, off, length - off);
                if (n == -1) {
                    throw unreadable();
                }
                off += n;
            }
        } catch (IOException e) {
            throw unreadable();
        }
        return raw;
    }

    private static GatewayException tooLarge(long maxBytes) {
        return new GatewayException(ErrorType.PAYLOAD_TOO_LARGE, "body_too_large",
                "Request body is larger than this gateway accepts (" + maxBytes + " bytes)");
    }

    private static GatewayException unreadable() {
        return GatewayException.badRequest("body_unreadable", "Request body could not be read: the client stopped sending");
    }

    public static JsonBody parse(byte[] raw) {
        if (raw.length == 0) {
            throw GatewayException.badRequest("invalid_body", "Request body must be a JSON object; it was empty");
        }
        boolean stream = false;
        boolean includeUsage = false;
        String model = null;
        try (JsonParser parser = parser(raw)) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw notAnObject();
            }
            int depth = 1;
            String key = null;
            boolean inStreamOptions = false;
            while (depth > 0) {
                JsonParser.Event event = parser.next();
                switch (event) {
                    case START_OBJECT, START_ARRAY -> {
                        inStreamOptions |= depth == 1 && event == JsonParser.Event.START_OBJECT && "stream_options".equals(key);
                        depth++;
                    }
                    case END_OBJECT, END_ARRAY -> inStreamOptions &= --depth > 1;
                    case KEY_NAME -> key = depth <= 2 ? parser.getString() : null;
                    case VALUE_TRUE -> {
                        stream |= depth == 1 && "stream".equals(key);
                        includeUsage |= depth == 2 && inStreamOptions && "include_usage".equals(key);
                    }
                    case VALUE_STRING -> {
                        if (depth == 1 && "model".equals(key)) {
                            model = parser.getString();
                        }
                    }
                    default -> { }
                }
            }
            if (parser.hasNext()) {
                throw notAnObject();
            }
        } catch (JsonParsingException e) {
            throw GatewayException.badRequest("invalid_body", "Request body is not valid JSON: " + e.getMessage());
        } catch (jakarta.json.JsonException | java.util.NoSuchElementException e) {
            throw GatewayException.badRequest("invalid_body", "Request body is not valid JSON");
        }
        return new JsonBody(raw, stream, model, includeUsage);
    }

    /**
     * JSON exchanged between systems is UTF-8 (RFC 8259): decoded here in one step, which spares the parser
     * the stream decoder and 8 KiB buffer it allocates per body read from bytes. A body with a byte-order
     * mark (UTF-8's included) or a zero byte in front (UTF-16, UTF-32) still goes through the parser's
     * encoding detection, which skips the mark.
     */
    private static JsonParser parser(byte[] raw) {
        boolean detect = raw[0] == 0 || raw[0] == (byte) 0xEF || raw[0] == (byte) 0xFE || raw[0] == (byte) 0xFF
                || (raw.length > 1 && raw[1] == 0);
        return detect
                ? JSON.createParser(new ByteArrayInputStream(raw))
                : JSON.createParser(new StringReader(new String(raw, StandardCharsets.UTF_8)));
    }

    public JsonObject toJsonObject() {
        try (var reader = JSON.createReader(new ByteArrayInputStream(raw))) {
            return reader.readObject();
        }
    }

    private static GatewayException notAnObject() {
        return GatewayException.badRequest("invalid_body", "Request body must be a single JSON object");
    }

    private static byte[] readBounded(InputStream in, long maxBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        byte[] chunk = new byte[8192];
        long total = 0;
        try {
            int n;
            while ((n = in.read(chunk)) != -1) {
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(chunk, 0, n);
            }
        } catch (IOException e) {
            throw unreadable();
        }
        return out.toByteArray();
    }
}
