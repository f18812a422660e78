package io.gatehouse.upstream;

import io.gatehouse.egress.CustomHost;
import io.gatehouse.egress.HostPolicy;
import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Judges the hosts clients choose by the {@link HostPolicy}, remembering for a short while the ones it
 * allowed: clients send the same few custom hosts on every request, and parsing the URL and resolving its
 * name each time cost more than routing the request. A name's addresses may change, so an allowed host is
 * judged again after {@link #REMEMBER_NANOS}. Refusals are never remembered (each answers its own 400); the
 * memory is bounded.
 */
public final class CheckedCustomHosts {
    private static final int REMEMBERED = 1024;
    private static final long REMEMBER_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final HostPolicy policy;
    private final HostPolicy.Resolver resolver;
    private final LongSupplier nanoClock;
    private final Map<String, Long> allowedUntil = new ConcurrentHashMap<>();

    public CheckedCustomHosts(HostPolicy policy) {
        this(policy, InetAddress::getAllByName, System::nanoTime);
    }

    /** @param resolver the DNS (a fake in tests) */
    public CheckedCustomHosts(HostPolicy policy, HostPolicy.Resolver resolver, LongSupplier nanoClock) {
        this.policy = policy;
        this.resolver = resolver;
        this.nanoClock = nanoClock;
    }

    /**
     * Refuses (400) a client-chosen host that is not an http(s) URL or that the policy forbids.
     *
     * @param openGateway whether the caller came without a gateway key
     */
    public void check(String customHost, String source, boolean openGateway) {
        String key = (openGateway ? "open " : "keyed ") + customHost;
        long now = nanoClock.getAsLong();
        Long until = allowedUntil.get(key);
        if (until != null && until - now > 0) {
            return;
        }
        policy.checkClientHost(CustomHost.parse(customHost, source), source, openGateway, resolver);
        if (allowedUntil.size() >= REMEMBERED) {
            allowedUntil.clear();
        }
        allowedUntil.put(key, now + REMEMBER_NANOS);
    }

    public HostPolicy policy() {
        return policy;
    }
}
