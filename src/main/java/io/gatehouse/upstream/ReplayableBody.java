package io.gatehouse.upstream;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * A client's request body of any type and size, streamed upstream as it arrives and kept so a retry or
 * fallback can send it again. The first attempt reads the client's body while it writes, teeing every
 * byte into a {@link ReplayCopy} (memory up to a limit, then a temp file); a later attempt first writes
 * what the copy holds, then goes on reading the client where the failed attempt stopped. The bytes are
 * never parsed or changed. {@link #close} (when the request ends) deletes the temp file.
 *
 * <p>A body no attempt could send again (no retry, fallback or key rotation in its route) is not copied as
 * it streams: only the bytes read ahead before sending (to check a grant or a condition) are kept, since
 * they must still be sent, and it can be sent once.
 *
 * <p>A client body that breaks off (disconnect, fewer bytes than its Content-Length) fails every attempt
 * and is never sent as if complete.
 */
public final class ReplayableBody implements RequestBody, AutoCloseable {
    private static final int BUFFER = 16 * 1024;

    private final InputStream client;
    private final long length;
    private final ReplayCopy copy;
    private final boolean resendable;
    private boolean sent;
    private long read;
    private boolean clientDone;
    private IOException clientFailure;

    /** A body that may be resent, with temp space of its own (tests, simple callers). */
    public ReplayableBody(InputStream client, long length, int memoryLimit) {
        this(client, length, memoryLimit, null, new SpoolSpace(Long.MAX_VALUE), true);
    }

    /**
     * @param client      the client's body, read at most once
     * @param length      its Content-Length, or -1 when it came chunked
     * @param memoryLimit bytes kept in memory before the copy spills to a temp file
     * @param space       the temp space all copies share
     * @param resendable  whether an attempt could send the body again (else only bytes read ahead are kept)
     */
    public ReplayableBody(InputStream client, long length, int memoryLimit, SpoolSpace space, boolean resendable) {
        this(client, length, memoryLimit, null, space, resendable);
    }

    /** @param spoolDir where the copy spills to; null for {@code java.io.tmpdir} */
    ReplayableBody(InputStream client, long length, int memoryLimit, Path spoolDir, SpoolSpace space, boolean resendable) {
        this.client = client;
        this.length = length;
        this.copy = new ReplayCopy(memoryLimit, spoolDir, space);
        this.resendable = resendable;
    }

    /** A body that may be resent (tests). */
    ReplayableBody(InputStream client, long length, int memoryLimit, Path spoolDir) {
        this(client, length, memoryLimit, spoolDir, new SpoolSpace(Long.MAX_VALUE), true);
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public synchronized void writeTo(OutputStream out) throws IOException {
        if (sent && !resendable) {
            throw new IOException("the request body cannot be sent again: no copy was kept, as no attempt was to resend it");
        }
        sent = true;
        copy.writeTo(out);
        byte[] buffer = new byte[BUFFER];
        int n;
        while ((n = readClient(buffer, resendable)) != -1) {
            out.write(buffer, 0, n);
            // Flush once the client has nothing more buffered: a slow client's bytes go out at once,
            // a fast client's in full buffers.
            if (client.available() == 0) {
                out.flush();
            }
        }
        out.flush();
    }

    /**
     * The whole body when it is at most {@code max} bytes (at most the memory limit), reading it from the
     * client now; null when it is larger or could not be read. Sending it later replays these bytes.
     */
    public synchronized byte[] wholeIfAtMost(int max) {
        byte[] buffer = new byte[BUFFER];
        try {
            while (copy.size() <= max && readClient(buffer, true) != -1) {
                // reading into the copy
            }
        } catch (IOException e) {
            return null;
        }
        return clientDone && copy.size() <= max ? copy.bytesIfInMemory() : null;
    }

    /**
     * Reads the whole body from the client now, unless it is larger than {@code max} bytes, showing
     * {@code observer} every byte in order (those already read too). Sending it later replays these bytes.
     *
     * @return whether the whole body was read (false: larger than {@code max})
     * @throws IOException when the client's body could not be read
     */
    public synchronized boolean readWhole(long max, OutputStream observer) throws IOException {
        copy.writeTo(observer);
        byte[] buffer = new byte[BUFFER];
        int n;
        while (copy.size() <= max && (n = readClient(buffer, true)) != -1) {
            if (copy.lost() != null) {
                throw copy.lost() instanceof SpoolSpace.FullException full ? full : new IOException(copy.lost());
            }
            observer.write(buffer, 0, n);
        }
        return clientDone && copy.size() <= max;
    }

    /** Whether reading the client's body failed: the client went away or sent less than it announced. */
    public synchronized boolean clientFailed() {
        return clientFailure != null;
    }

    /** Deletes the replay copy; the body cannot be sent after this. */
    @Override
    public synchronized void close() {
        copy.close();
    }

    ReplayCopy copy() {
        return copy;
    }

    /** @param keep whether the bytes go into the copy (always when read ahead: they are yet to be sent) */
    private int readClient(byte[] buffer, boolean keep) throws IOException {
        if (clientFailure != null) {
            throw new IOException("the client's request body could not be read", clientFailure);
        }
        if (clientDone) {
            return -1;
        }
        int n;
        try {
            n = client.read(buffer);
        } catch (IOException e) {
            clientFailure = e;
            throw e;
        }
        if (n == -1) {
            if (length >= 0 && read != length) {
                clientFailure = new EOFException("the client sent " + read + " of " + length + " body bytes");
                throw clientFailure;
            }
            clientDone = true;
            return -1;
        }
        read += n;
        if (keep) {
            copy.append(buffer, 0, n);
        }
        return n;
    }
}
