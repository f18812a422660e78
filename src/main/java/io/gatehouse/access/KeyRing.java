package io.gatehouse.access;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * A catalog entry's provider keys, used in turn (round robin). A key the provider answered 401 or 429 is
 * skipped for a cool-down, so the next requests go to the other keys; when every key is cooling down the
 * one whose cool-down ends first is used rather than refusing the request. Thread-safe; the secrets are
 * never logged.
 */
public final class KeyRing {
    private final List<String> secrets;
    private final long cooldownNanos;
    private final LongSupplier nanoClock;
    private final AtomicInteger turn = new AtomicInteger();
    /** Per key, the clock time its cool-down ends; a time in the past means usable. */
    private final AtomicLongArray coolingUntil;

    /** A key lent to one attempt; report its answer with {@link #report}. */
    public record Lease(int index, String secret) {
        @Override
        public String toString() {
            return "Lease[key #" + (index + 1) + "]";
        }
    }

    public KeyRing(List<String> secrets, Duration cooldown, LongSupplier nanoClock) {
        this.secrets = List.copyOf(secrets);
        this.cooldownNanos = cooldown.toNanos();
        this.nanoClock = nanoClock;
        this.coolingUntil = new AtomicLongArray(secrets.size());
        long now = nanoClock.getAsLong();
        for (int i = 0; i < secrets.size(); i++) {
            coolingUntil.set(i, now);
        }
    }

    /**
     * This ring with the cool-downs {@code previous} (the same entry before a reload) still holds for the
     * keys both have: a reload does not hand a throttled key back at once.
     */
    public KeyRing keepingCoolDowns(KeyRing previous) {
        for (int k = 0; k < secrets.size(); k++) {
            int before = previous.secrets.indexOf(secrets.get(k));
            if (before >= 0) {
                coolingUntil.set(k, previous.coolingUntil.get(before));
            }
        }
        return this;
    }

    public int size() {
        return secrets.size();
    }

    /** The next usable key in turn, or null when the entry has no keys. */
    public Lease next() {
        int n = secrets.size();
        if (n == 0) {
            return null;
        }
        long now = nanoClock.getAsLong();
        int start = Math.floorMod(turn.getAndIncrement(), n);
        int soonest = start;
        for (int i = 0; i < n; i++) {
            int k = (start + i) % n;
            if (coolingUntil.get(k) - now <= 0) {
                turn.addAndGet(i); // the keys skipped over do not get the next turn either
                return new Lease(k, secrets.get(k));
            }
            if (coolingUntil.get(k) - coolingUntil.get(soonest) < 0) {
                soonest = k;
            }
        }
        return new Lease(soonest, secrets.get(soonest));
    }

    /** Whether a key other than those {@code tried} is usable now (not cooling down). */
    public boolean hasUsableKeyBesides(java.util.Set<Integer> tried) {
        long now = nanoClock.getAsLong();
        for (int k = 0; k < secrets.size(); k++) {
            if (!tried.contains(k) && coolingUntil.get(k) - now <= 0) {
                return true;
            }
        }
        return false;
    }

    /** Records the provider's answer to a key: 401 (key refused) and 429 (key throttled) cool it down. */
    public void report(Lease lease, int status) {
        if (lease != null && rejectsKey(status)) {
            coolingUntil.set(lease.index(), nanoClock.getAsLong() + cooldownNanos);
        }
    }

    /** Whether an answer says the key itself is unusable for now, so another key may do better. */
    public static boolean rejectsKey(int status) {
        return status == 401 || status == 429;
    }

    @Override
    public String toString() {
        return "KeyRing[" + secrets.size() + " keys]";
    }
}
