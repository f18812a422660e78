package io.gatehouse.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic pseudo-random bytes of any length, made as they are read: a large body no test holds. */
final class GeneratedBytes extends InputStream {
    private final long size;
    private long produced;
    private long state;

    GeneratedBytes(long size, long seed) {
        this.size = size;
        this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
    }

    /** The SHA-256 of {@code new GeneratedBytes(size, seed)}. */
    static String sha256(long size, long seed) {
        try {
            return sha256(new GeneratedBytes(size, seed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code in} to its end and hashes it. */
    static String sha256(InputStream in) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) != -1) {
            sha.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (produced >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - produced);
        for (int i = 0; i < n; i++) {
            if ((produced + i) % 8 == 0) {
                state ^= state << 13;
                state ^= state >>> 7;
                state ^= state << 17;
            }
            b[off + i] = (byte) (state >>> (8 * ((produced + i) % 8)));
        }
        produced += n;
        return n;
    }
}
