package io.gatehouse.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayableBodyTest {
    private static final int MEMORY_LIMIT = 64 * 1024;

    @TempDir
    Path spoolDir;

    @Test
    void smallBodyIsSentThenReplayedFromMemory() throws IOException {
        byte[] bytes = "{\"model\":  \"m\", \"x\": 1.0, \"t\": \"caf\\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        try (ReplayableBody body = body(new ByteArrayInputStream(bytes), bytes.length)) {
            assertArrayEquals(bytes, send(body));
            assertArrayEquals(bytes, send(body));
            assertNull(body.copy().file(), "a body under the memory limit never touches the disk");
        }
    }

    @Test
    void largeBodySpillsToATempFileReplaysIdenticallyAndTheFileIsDeletedOnClose() throws IOException {
        byte[] bytes = randomBytes(5 * MEMORY_LIMIT + 123);
        Path file;
        try (ReplayableBody body = body(new ByteArrayInputStream(bytes), -1)) {
            assertArrayEquals(bytes, send(body));
            file = body.copy().file();
            assertNotNull(file, "beyond the memory limit the copy is spooled to a file");
            // (On Linux the file is unlinked as soon as it is opened: nothing is left even if the JVM dies.)
            assertArrayEquals(bytes, send(body));
            assertArrayEquals(bytes, send(body));
        }
        assertFalse(Files.exists(file), "the temp file is deleted when the request ends");
        try (var left = Files.list(spoolDir)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void attemptFailingMidUploadIsFollowedByAReplayThatFinishesReadingTheClient() throws IOException {
        byte[] bytes = randomBytes(3 * MEMORY_LIMIT);
        try (ReplayableBody body = body(new ByteArrayInputStream(bytes), bytes.length)) {
            ByteArrayOutputStream partial = new ByteArrayOutputStream();
            assertThrows(IOException.class, () -> body.writeTo(new FailingAfter(MEMORY_LIMIT + 10, partial)));
            assertTrue(partial.size() < bytes.length, "the first attempt stopped part way");

            assertArrayEquals(bytes, send(body), "the retry sends the whole body, read copy first, then the rest");
            assertArrayEquals(bytes, send(body));
        }
    }

    @Test
    void firstAttemptStreamsTheClientBodyAsItArrives() throws IOException {
        byte[] first = "part one|".getBytes(StandardCharsets.UTF_8);
        PausingStream client = new PausingStream(first);
        try (ReplayableBody body = body(client, -1)) {
            ByteArrayOutputStream upstream = new ByteArrayOutputStream();
            OutputStream checking = new OutputStream() {
                @Override
                public void write(int b) {
                    upstream.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    upstream.write(b, off, len);
                }

                @Override
                public void flush() {
                    // When the client pauses, what it sent so far must already be on its way upstream.
                    if (client.paused) {
                        assertEquals("part one|", upstream.toString(StandardCharsets.UTF_8));
                        client.paused = false;
                    }
                }
            };
            body.writeTo(checking);
            assertEquals("part one|part two", upstream.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void clientThatStopsSendingFailsEveryAttemptAndIsNeverReplayedAsComplete() throws IOException {
        byte[] bytes = randomBytes(1000);
        InputStream dying = new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (available() < 500) {
                    throw new IOException("client disconnected");
                }
                return super.read(b, off, Math.min(len, 100));
            }
        };
        try (ReplayableBody body = body(dying, bytes.length)) {
            assertThrows(IOException.class, () -> send(body));
            assertTrue(body.clientFailed());
            assertThrows(IOException.class, () -> send(body), "a replay must not send the partial body");
        }
    }

    @Test
    void bodyShorterThanItsContentLengthIsAFailureNotAShortUpload() throws IOException {
        try (ReplayableBody body = body(new ByteArrayInputStream(new byte[10]), 20)) {
            assertThrows(IOException.class, () -> send(body));
            assertTrue(body.clientFailed());
        }
    }

    @Test
    void wholeBodyIsOfferedWhenSmallAndStillSentAfterwards() throws IOException {
        byte[] bytes = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        try (ReplayableBody body = body(new ByteArrayInputStream(bytes), -1)) {
            assertArrayEquals(bytes, body.wholeIfAtMost(100));
            assertArrayEquals(bytes, send(body));
        }
        byte[] large = randomBytes(1000);
        try (ReplayableBody body = body(new ByteArrayInputStream(large), -1)) {
            assertNull(body.wholeIfAtMost(100), "larger than asked: not offered");
            assertArrayEquals(large, send(body), "but still sent whole");
        }
    }

    @Test
    void unwritableSpoolOnlyFailsTheReplayNeverTheFirstAttempt() throws IOException {
        byte[] bytes = randomBytes(3 * MEMORY_LIMIT);
        Path missing = spoolDir.resolve("does-not-exist");
        try (ReplayableBody body = new ReplayableBody(new ByteArrayInputStream(bytes), -1, MEMORY_LIMIT, missing)) {
            assertArrayEquals(bytes, send(body));
            assertThrows(IOException.class, () -> send(body));
        }
    }

    private ReplayableBody body(InputStream client, long length) {
        return new ReplayableBody(client, length, MEMORY_LIMIT, spoolDir);
    }

    private static byte[] send(RequestBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toByteArray();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    /** An upstream connection that breaks after {@code limit} bytes. */
    private static final class FailingAfter extends OutputStream {
        private final int limit;
        private final ByteArrayOutputStream got;

        FailingAfter(int limit, ByteArrayOutputStream got) {
            this.limit = limit;
            this.got = got;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (got.size() + len > limit) {
                throw new IOException("connection reset by upstream");
            }
            got.write(b, off, len);
        }
    }

    /** A client that sends one part, pauses (nothing available), then sends the rest. */
    private static final class PausingStream extends InputStream {
        private final byte[] first;
        private final byte[] second = "part two".getBytes(StandardCharsets.UTF_8);
        private int step;
        volatile boolean paused;

        PausingStream(byte[] first) {
            this.first = first;
        }

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            switch (step++) {
                case 0 -> {
                    System.arraycopy(first, 0, b, off, first.length);
                    paused = true;
                    return first.length;
                }
                case 1 -> {
                    assertFalse(paused, "the gateway flushed before waiting for more");
                    System.arraycopy(second, 0, b, off, second.length);
                    return second.length;
                }
                default -> {
                    return -1;
                }
            }
        }

        @Override
        public int available() {
            return 0;
        }
    }

    @Test
    void aBodyNoAttemptCouldResendIsNeverCopied() throws IOException {
        byte[] bytes = randomBytes(5 * MEMORY_LIMIT);
        try (ReplayableBody body = new ReplayableBody(new ByteArrayInputStream(bytes), -1, MEMORY_LIMIT, spoolDir,
                new SpoolSpace(1L << 30), false)) {
            assertArrayEquals(bytes, send(body));
            assertEquals(0, body.copy().size(), "nothing kept: no retry or fallback could send it again");
            try (var files = Files.list(spoolDir)) {
                assertEquals(0, files.count());
            }
            assertThrows(IOException.class, () -> send(body), "and it is never sent twice");
        }
    }

    @Test
    void bytesReadAheadAreSentEvenWhenNotResendable() throws IOException {
        byte[] bytes = randomBytes(3 * MEMORY_LIMIT);
        try (ReplayableBody body = new ReplayableBody(new ByteArrayInputStream(bytes), bytes.length, MEMORY_LIMIT, spoolDir,
                new SpoolSpace(1L << 30), false)) {
            assertTrue(body.readWhole(bytes.length, OutputStream.nullOutputStream()));
            assertArrayEquals(bytes, send(body));
        }
    }

    @Test
    void theTempSpaceOfAllBodiesTogetherIsCapped() throws IOException {
        SpoolSpace space = new SpoolSpace(4L * MEMORY_LIMIT);
        byte[] first = randomBytes(MEMORY_LIMIT * 5 / 2);
        byte[] second = randomBytes(3 * MEMORY_LIMIT);
        try (ReplayableBody a = new ReplayableBody(new ByteArrayInputStream(first), -1, MEMORY_LIMIT, spoolDir, space, true)) {
            assertArrayEquals(first, send(a));
            assertEquals(first.length, space.used(), "a spilled copy's file is counted");
            try (ReplayableBody b = new ReplayableBody(new ByteArrayInputStream(second), -1, MEMORY_LIMIT, spoolDir, space, true)) {
                assertArrayEquals(second, send(b), "the first attempt still streams whole");
                assertThrows(IOException.class, () -> send(b), "but its copy was given up when the space ran out");
                assertEquals(first.length, space.used(), "and what it had taken was given back");
            }
            try (ReplayableBody c = new ReplayableBody(new ByteArrayInputStream(second), -1, MEMORY_LIMIT, spoolDir, space, true)) {
                assertThrows(SpoolSpace.FullException.class, () -> c.readWhole(second.length, OutputStream.nullOutputStream()),
                        "a body that must be read ahead cannot be, when the space is full");
            }
            assertArrayEquals(first, send(a), "the first body's copy is intact");
        }
        assertEquals(0, space.used(), "closing gives the space back");
    }
}
