package io.gatehouse.upstream;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * An AWS event-stream body read as Server-Sent Events, so that everything downstream (holding a stream
 * back until its first content, the stream mappers) reads one framing. An event message becomes
 * {@code event: <:event-type>} with its JSON payload as data; an exception or error message becomes
 * {@code event: error} with its payload and the exception's name in {@code __type}. A broken message (bad
 * CRC, impossible lengths, cut off at the end) fails the read with an {@link IOException}, as a broken
 * connection would.
 */
public final class AwsEventStreamAsSse extends InputStream {
    public static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";
    private static final JsonProvider JSON = JsonProvider.provider();

    private final InputStream upstream;
    private final AwsEventStreamDecoder decoder = new AwsEventStreamDecoder();
    private final byte[] chunk = new byte[4096];
    private byte[] pending = new byte[0];
    private int position;
    private boolean ended;

    public AwsEventStreamAsSse(InputStream upstream) {
        this.upstream = upstream;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] out, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        while (position == pending.length) {
            if (ended) {
                return -1;
            }
            fill();
        }
        int n = Math.min(count, pending.length - position);
        System.arraycopy(pending, position, out, offset, n);
        position += n;
        return n;
    }

    /** Reads upstream until at least one whole message is decoded, or the end. */
    private void fill() throws IOException {
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        while (events.size() == 0) {
            int n = upstream.read(chunk);
            if (n == -1) {
                ended = true;
                if (decoder.midMessage()) {
                    throw new IOException("the event stream ended inside a message");
                }
                break;
            }
            decoder.feed(chunk, 0, n, message -> events.writeBytes(sse(message)));
        }
        pending = events.toByteArray();
        position = 0;
    }

    static byte[] sse(AwsEventStreamDecoder.Message message) {
        String payload = new String(message.payload(), StandardCharsets.UTF_8);
        String messageType = message.header(":message-type");
        String name;
        if ("exception".equals(messageType) || "error".equals(messageType)) {
            String exception = message.header(":exception-type") != null ? message.header(":exception-type") : message.header(":error-code");
            name = "error";
            payload = withType(payload, exception, message.header(":error-message"));
        } else {
            name = message.header(":event-type") != null ? message.header(":event-type") : "message";
        }
        StringBuilder event = new StringBuilder("event: ").append(name).append('\n');
        payload.lines().forEach(line -> event.append("data: ").append(line).append('\n'));
        if (payload.isEmpty()) {
            event.append("data: {}\n");
        }
        return event.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The payload object with {@code __type} added (a payload that is not an object becomes the message). */
    private static String withType(String payload, String exception, String errorMessage) {
        JsonObject object = null;
        try (var reader = JSON.createReader(new StringReader(payload))) {
            JsonValue value = reader.readValue();
            object = value instanceof JsonObject o ? o : null;
        } catch (RuntimeException notJson) {
            // falls through: the text is the message
        }
        var out = object != null ? JSON.createObjectBuilder(object) : JSON.createObjectBuilder()
                .add("message", errorMessage != null ? errorMessage : payload);
        if (exception != null) {
            out.add("__type", exception);
        }
        return out.build().toString();
    }

    @Override
    public void close() throws IOException {
        upstream.close();
    }
}
