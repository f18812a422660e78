package io.gatehouse.cache;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An upstream body read through, keeping a copy of what passes (up to a bound) so a complete answer can
 * be stored once the client has it. It only counts as complete when it was read to its end without an
 * error: an answer cut off, or left unread because the client went away, is never stored.
 */
final class CapturingBody extends FilterInputStream {
    private final int maxBytes;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private volatile boolean complete;
    private volatile boolean tooLarge;
    private volatile boolean broken;

    CapturingBody(InputStream in, int maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = super.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            broken = true;
            throw e;
        }
        if (n == -1) {
            complete = !broken;
        } else if (!tooLarge) {
            if (copy.size() + n > maxBytes) {
                tooLarge = true;
                copy.reset();
            } else {
                copy.write(b, off, n);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        broken = true; // skipped bytes are not kept: the copy would not be the answer
        return super.skip(n);
    }

    /** The whole answer, when it was read to its end, unbroken, within the bound. */
    byte[] completeAnswer() {
        return complete && !tooLarge && !broken ? copy.toByteArray() : null;
    }
}
