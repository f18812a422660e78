package io.gatehouse.upstream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Cuts AWS's binary event-stream ({@code application/vnd.amazon.eventstream}) into messages, however the
 * reads split it. Each message is a prelude (total length, headers length, the prelude's CRC-32), headers,
 * a payload and the CRC-32 of everything before it; a message whose either CRC does not match, or whose
 * lengths are impossible, is refused with an {@link IOException}: the stream is broken.
 */
public final class AwsEventStreamDecoder {
    /** AWS's own limit on one message, or less on a small heap (one event's share, as for server-sent events). */
    static final int MAX_MESSAGE_BYTES = Math.min(16 * 1024 * 1024, io.gatehouse.config.MemoryLimits.OF_THIS_HEAP.sseEventBytes());
    private static final int PRELUDE = 12;
    private static final int MIN_MESSAGE = PRELUDE + 4;

    /** One decoded message: its headers (string, number and boolean values as text) and payload. */
    public record Message(Map<String, String> headers, byte[] payload) {
        public String header(String name) {
            return headers.get(name);
        }
    }

    @FunctionalInterface
    public interface MessageSink {
        void message(Message message) throws IOException;
    }

    private byte[] buffer = new byte[1024];
    private int length;

    /** Adds bytes read from the upstream and emits every message they complete. */
    public void feed(byte[] bytes, int offset, int count, MessageSink sink) throws IOException {
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
        }
        System.arraycopy(bytes, offset, buffer, length, count);
        length += count;
        int start = 0;
        while (length - start >= PRELUDE) {
            ByteBuffer prelude = ByteBuffer.wrap(buffer, start, PRELUDE);
            int total = prelude.getInt();
            int headersLength = prelude.getInt();
            int preludeCrc = prelude.getInt();
            if (crc(buffer, start, 8) != preludeCrc) {
                throw new IOException("event-stream message prelude failed its CRC check");
            }
            if (total < MIN_MESSAGE || total > MAX_MESSAGE_BYTES || headersLength < 0 || headersLength > total - MIN_MESSAGE) {
                throw new IOException("event-stream message has impossible lengths (" + total + ", " + headersLength + ")");
            }
            if (length - start < total) {
                break;
            }
            int messageCrc = ByteBuffer.wrap(buffer, start + total - 4, 4).getInt();
            if (crc(buffer, start, total - 4) != messageCrc) {
                throw new IOException("event-stream message failed its CRC check");
            }
            Map<String, String> headers = headers(buffer, start + PRELUDE, headersLength);
            int payloadStart = start + PRELUDE + headersLength;
            sink.message(new Message(headers, Arrays.copyOfRange(buffer, payloadStart, start + total - 4)));
            start += total;
        }
        System.arraycopy(buffer, start, buffer, 0, length - start);
        length -= start;
    }

    /** Whether bytes of an unfinished message are held (the stream ended inside one). */
    public boolean midMessage() {
        return length > 0;
    }

    private static int crc(byte[] bytes, int offset, int count) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, count);
        return (int) crc.getValue();
    }

    private static Map<String, String> headers(byte[] bytes, int offset, int count) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, count);
        try {
            while (in.hasRemaining()) {
                byte[] name = new byte[in.get() & 0xff];
                in.get(name);
                int type = in.get();
                String value = switch (type) {
                    case 0 -> "true";
                    case 1 -> "false";
                    case 2 -> Byte.toString(in.get());
                    case 3 -> Short.toString(in.getShort());
                    case 4 -> Integer.toString(in.getInt());
                    case 5, 8 -> Long.toString(in.getLong()); // long; timestamp in epoch milliseconds
                    case 6, 7 -> {
                        byte[] value7 = new byte[in.getShort() & 0xffff];
                        in.get(value7);
                        yield type == 7 ? new String(value7, StandardCharsets.UTF_8) : java.util.Base64.getEncoder().encodeToString(value7);
                    }
                    case 9 -> {
                        in.position(in.position() + 16);
                        yield "uuid";
                    }
                    default -> throw new IOException("event-stream header of unknown type " + type);
                };
                headers.put(new String(name, StandardCharsets.UTF_8), value);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException("event-stream headers run past their length", e);
        }
        return headers;
    }
}
