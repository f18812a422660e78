package io.gatehouse.testing;

import java.io.InputStream;

/** An upstream that hands out one byte per read: every line and multi-byte character is split. */
public final class OneByteAtATime extends InputStream {
    private final byte[] bytes;
    private int position;

    public OneByteAtATime(byte[] bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() {
        return position < bytes.length ? bytes[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= bytes.length) {
            return -1;
        }
        b[off] = bytes[position++];
        return 1;
    }
}
