package io.gatehouse.upstream;

import io.gatehouse.egress.CustomHost;
import io.gatehouse.egress.HostPolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Judges custom hosts by the {@link HostPolicy}, remembering the ones it allowed: clients send the same
 * few custom hosts on every request, and parsing and judging the URL each time cost more than routing
 * the request. Refusals are never remembered (each answers its own 400); the memory is bounded.
 */
public final class CheckedCustomHosts {
    private static final int REMEMBERED = 1024;

    private final HostPolicy policy;
    private final Map<String, Boolean> allowed = new ConcurrentHashMap<>();

    public CheckedCustomHosts(HostPolicy policy) {
        this.policy = policy;
    }

    /** Refuses (400) a custom host that is not an http(s) URL or that the policy forbids. */
    public void check(String customHost, String source) {
        if (allowed.containsKey(customHost)) {
            return;
        }
        policy.checkUrl(CustomHost.parse(customHost, source), source);
        if (allowed.size() >= REMEMBERED) {
            allowed.clear();
        }
        allowed.put(customHost, Boolean.TRUE);
    }

    public HostPolicy policy() {
        return policy;
    }
}
