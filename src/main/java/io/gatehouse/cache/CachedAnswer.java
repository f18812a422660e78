package io.gatehouse.cache;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;

/**
 * A complete successful upstream answer as it came, kept so a repeat is answered without the upstream:
 * replayed through the same translation and relay as a live answer, so the client gets it in its own
 * format. Serializable (no gateway types inside), so a clustered JCache can hold it unchanged.
 *
 * @param status      the upstream status (2xx)
 * @param contentType the upstream {@code Content-Type}
 * @param body        the upstream body, whole
 * @param stream       whether it was kept from an event stream (the client asked for one)
 * @param maxAgeMillis how long it is kept after it was stored
 */
record CachedAnswer(int status, String contentType, byte[] body, boolean stream, long maxAgeMillis) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    Duration maxAge() {
        return Duration.ofMillis(maxAgeMillis);
    }
}
