package io.gatehouse.http;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers the gateway makes up: trace ids, completion and tool-call ids. They must be unique, not
 * secret, so they come from {@link ThreadLocalRandom}: {@link java.util.UUID#randomUUID()} draws from
 * the JVM's shared {@code SecureRandom}, whose lock every request would queue on.
 */
public final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Ids() {
    }

    /** A random (version 4 layout) UUID string, e.g. {@code 3f0c…-4…-8…}. */
    public static String uuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;            // version 4
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new java.util.UUID(hi, lo).toString();
    }

    /** {@code chars} random lower-case hex characters. */
    public static String hex(int chars) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        char[] out = new char[chars];
        for (int i = 0; i < chars; i++) {
            out[i] = HEX[r.nextInt(16)];
        }
        return new String(out);
    }
}
