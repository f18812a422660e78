package io.gatehouse.upstream;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The bytes of a request body read so far, kept so it can be sent again: in memory up to a limit, then
 * in a temp file (owner-only, in {@code java.io.tmpdir}) deleted on {@link #close} (on Linux, unlinked as
 * soon as it is open, so nothing is left behind even if the JVM dies). If the file
 * cannot be written (disk full, or the {@link SpoolSpace} all copies share is used up), the copy is given up:
 * only a replay fails then, never the attempt that streams the body for the first time.
 */
final class ReplayCopy implements Closeable {
    private static final Logger LOG = Logger.getLogger(ReplayCopy.class.getName());
    private static final int FILE_READ_BUFFER = 64 * 1024;

    private final int memoryLimit;
    private final Path spoolDir;
    private final SpoolSpace space;
    /** Bytes of {@link #space} this copy holds. */
    private long taken;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream(1024);
    private Path file;
    private FileChannel channel;
    private long size;
    private IOException lost;

    /** @param spoolDir where the temp file goes; null for {@code java.io.tmpdir} */
    ReplayCopy(int memoryLimit, Path spoolDir, SpoolSpace space) {
        this.memoryLimit = memoryLimit;
        this.spoolDir = spoolDir;
        this.space = space;
    }

    void append(byte[] bytes, int offset, int length) {
        size += length;
        if (lost != null) {
            return;
        }
        try {
            if (channel == null && memory.size() + (long) length <= memoryLimit) {
                memory.write(bytes, offset, length);
                return;
            }
            long toFile = channel == null ? memory.size() + (long) length : length;
            if (!space.take(toFile)) {
                throw new SpoolSpace.FullException(space.maxBytes());
            }
            taken += toFile;
            if (channel == null) {
                spill();
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "request body replay copy given up, a retry of this request will fail: {0}", e.toString());
            lost = e;
            release();
        }
    }

    /** Writes every byte held, in order. */
    void writeTo(OutputStream out) throws IOException {
        if (size == 0) {
            return;
        }
        if (lost != null) {
            throw new IOException("the request body cannot be sent again: its replay copy was lost", lost);
        }
        if (channel == null) {
            memory.writeTo(out);
            return;
        }
        ByteBuffer buffer = ByteBuffer.allocate(FILE_READ_BUFFER);
        long position = 0;
        while (position < size) {
            buffer.clear();
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new IOException("the request body's replay file ended early");
            }
            out.write(buffer.array(), 0, n);
            position += n;
        }
    }

    /** Every byte held, when they are all in memory; else null. */
    byte[] bytesIfInMemory() {
        return channel == null && lost == null ? memory.toByteArray() : null;
    }

    long size() {
        return size;
    }

    /** Why the copy was given up, or null while it holds every byte. */
    IOException lost() {
        return lost;
    }

    /** The temp file, while there is one (for tests). */
    Path file() {
        return file;
    }

    @Override
    public void close() {
        release();
    }

    private void spill() throws IOException {
        file = spoolDir == null
                ? Files.createTempFile("gatehouse-replay-", ".body")
                : Files.createTempFile(spoolDir, "gatehouse-replay-", ".body");
        channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
        memory.writeTo(Channels.newOutputStream(channel));
        memory = new ByteArrayOutputStream(0);
    }

    private void release() {
        memory = new ByteArrayOutputStream(0);
        space.giveBack(taken);
        taken = 0;
        try {
            if (channel != null) {
                channel.close();
            }
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete request body replay file {0}: {1}", new Object[] {file, e.toString()});
        } finally {
            channel = null;
            file = null;
        }
    }
}
