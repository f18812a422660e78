package io.gatehouse.upstream;

import io.gatehouse.egress.HostPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves upstream host names and refuses, before connecting, any name whose addresses the
 * {@link HostPolicy} forbids: a custom host like {@code evil.example} pointing at 169.254.169.254 fails here.
 */
final class PolicyDnsResolver implements DnsResolver {
    private final DnsResolver delegate;
    private final HostPolicy policy;

    PolicyDnsResolver(DnsResolver delegate, HostPolicy policy) {
        this.delegate = delegate;
        this.policy = policy;
    }

    PolicyDnsResolver(HostPolicy policy) {
        this(SystemDefaultDnsResolver.INSTANCE, policy);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = delegate.resolve(host);
        if (addresses == null || addresses.length == 0 || !Arrays.stream(addresses).allMatch(policy::permits)) {
            throw new ForbiddenHostException(host);
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return delegate.resolveCanonicalHostname(host);
    }

    /** The upstream host resolved to an address the host policy forbids. */
    static final class ForbiddenHostException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        ForbiddenHostException(String host) {
            super(host + " resolves to an address this gateway's host policy forbids");
        }
    }
}
