package io.gatehouse.upstream;

import jakarta.ws.rs.ProcessingException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * An upstream body whose failures are all {@link IOException}s. The JAX-RS client reports some of them
 * unchecked — a reset before the body's first byte surfaces as a {@link ProcessingException} from
 * {@code hasEntity()} (it peeks that byte), and closing a broken connection throws one too — and an unchecked
 * exception escaping a relay became a 500 instead of a failed attempt (retry, fallback, 502).
 */
final class UpstreamBody extends FilterInputStream {
    UpstreamBody(InputStream in) {
        super(in);
    }

    /** A body that could not even be opened: every read fails with why. */
    static InputStream broken(RuntimeException why) {
        IOException failure = asIo(why);
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw failure;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw failure;
            }
        };
    }

    /** The innermost I/O exception (a read timeout stays a timeout), else {@code e} as one. */
    static IOException asIo(RuntimeException e) {
        return UpstreamFailures.rootIo(e) instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }

    @Override
    public int read() throws IOException {
        try {
            return in.read();
        } catch (ProcessingException | UncheckedIOException e) {
            throw asIo(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (ProcessingException | UncheckedIOException e) {
            throw asIo(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return in.skip(n);
        } catch (ProcessingException | UncheckedIOException e) {
            throw asIo(e);
        }
    }

    @Override
    public int available() throws IOException {
        try {
            return in.available();
        } catch (ProcessingException | UncheckedIOException e) {
            throw asIo(e);
        }
    }

    /** Closing a broken body fails too; nothing is left to release (the response is closed or aborted after). */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException | RuntimeException ignored) {
            // the connection is already gone
        }
    }
}
