package io.gatehouse.upstream;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The temp-file space all proxied bodies' replay copies share ({@code proxy.replay-temp-max-bytes}): bytes
 * are taken before they are written and given back when the request ends, so clients cannot fill the disk.
 */
public final class SpoolSpace {
    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();

    public SpoolSpace(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Takes {@code bytes} of the space; false (nothing taken) when they do not fit. */
    boolean take(long bytes) {
        long now;
        do {
            now = used.get();
            if (now + bytes > maxBytes) {
                return false;
            }
        } while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    void giveBack(long bytes) {
        used.addAndGet(-bytes);
    }

    /** Whether {@code bytes} more would fit now. */
    public boolean hasRoomFor(long bytes) {
        return used.get() + bytes <= maxBytes;
    }

    public long used() {
        return used.get();
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** The body had to be kept (read ahead) and the temp space is full. */
    public static final class FullException extends IOException {
        private static final long serialVersionUID = 1L;

        FullException(long maxBytes) {
            super("the temp space for request bodies (" + maxBytes + " bytes, proxy.replay-temp-max-bytes) is full");
        }
    }
}
