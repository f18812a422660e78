package io.gatehouse.provider.vertex;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * OAuth access tokens by credential, each kept until shortly before it expires: {@link #REFRESH_BEFORE} ahead,
 * or half its lifetime for a token that lives less than twice that. One refresh runs at a time per credential;
 * calls that need the token meanwhile wait for it rather than exchange again. A failed refresh is not
 * remembered (the next call tries again), and a token not yet expired is still used while its refresh fails.
 * At most {@code maxCredentials} are kept; the least recently used goes first.
 */
final class AccessTokens {
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    /** A token and when it stops working. */
    record Token(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "Token[expiresAt=" + expiresAt + "]";
        }
    }

    /** Exchanges a credential for a new token (a network call). */
    @FunctionalInterface
    interface Exchange {
        Token fetch() throws IOException;
    }

    private final Clock clock;
    private final Map<String, Slot> slots;

    AccessTokens(Clock clock, int maxCredentials) {
        this.clock = clock;
        this.slots = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Slot> eldest) {
                return size() > maxCredentials;
            }
        };
    }

    /**
     * A token for the credential named {@code credentialKey} (a digest, never the secret itself): the cached one
     * while it is fresh, else a new one from {@code exchange}.
     */
    String token(String credentialKey, Exchange exchange) throws IOException {
        Slot slot;
        synchronized (slots) {
            slot = slots.computeIfAbsent(credentialKey, k -> new Slot());
        }
        Cached cached = slot.cached;
        if (cached != null && clock.instant().isBefore(cached.refreshAt)) {
            return cached.token.value();
        }
        slot.lock.lock();
        try {
            cached = slot.cached;
            Instant now = clock.instant();
            if (cached != null && now.isBefore(cached.refreshAt)) {
                return cached.token.value(); // refreshed by the call this one waited for
            }
            Token fresh;
            try {
                fresh = exchange.fetch();
            } catch (IOException | RuntimeException e) {
                if (cached != null && now.isBefore(cached.token.expiresAt())) {
                    return cached.token.value();
                }
                throw e;
            }
            slot.cached = new Cached(fresh, refreshAt(now, fresh.expiresAt()));
            return fresh.value();
        } finally {
            slot.lock.unlock();
        }
    }

    private static Instant refreshAt(Instant now, Instant expiresAt) {
        Duration lifetime = Duration.between(now, expiresAt);
        Duration early = lifetime.compareTo(REFRESH_BEFORE.multipliedBy(2)) < 0 ? lifetime.dividedBy(2) : REFRESH_BEFORE;
        return expiresAt.minus(early);
    }

    private record Cached(Token token, Instant refreshAt) {
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile Cached cached;
    }
}
