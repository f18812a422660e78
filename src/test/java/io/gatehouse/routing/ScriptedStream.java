package io.gatehouse.routing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/** An upstream body that arrives in given reads, then ends — or fails, as a broken connection does. */
final class ScriptedStream extends InputStream {
    private final Deque<byte[]> reads = new ArrayDeque<>();
    private final Supplier<IOException> failure;
    private final Runnable onEachRead;
    boolean closed;

    ScriptedStream(List<String> reads, Supplier<IOException> failureAtEnd, Runnable onEachRead) {
        reads.forEach(r -> this.reads.add(r.getBytes(StandardCharsets.UTF_8)));
        this.failure = failureAtEnd;
        this.onEachRead = onEachRead;
    }

    static ScriptedStream of(String... reads) {
        return new ScriptedStream(List.of(reads), null, () -> { });
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        onEachRead.run();
        byte[] next = reads.poll();
        if (next == null) {
            if (failure != null) {
                throw failure.get();
            }
            return -1;
        }
        if (next.length > len) {
            reads.push(java.util.Arrays.copyOfRange(next, len, next.length));
        }
        int n = Math.min(len, next.length);
        System.arraycopy(next, 0, b, off, n);
        return n;
    }

    @Override
    public void close() {
        closed = true;
    }
}
