package io.gatehouse.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.egress.HostPolicy;
import io.gatehouse.egress.IpLiterals;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;

/** A fake delegate stands in for DNS: no name is ever really resolved. */
class PolicyDnsResolverTest {
    private final FakeDns dns = new FakeDns(Map.of(
            "evil.example", new InetAddress[] {v4(169, 254, 169, 254)},
            "mixed.example", new InetAddress[] {v4(203, 0, 113, 5), v4(169, 254, 169, 254), v4(203, 0, 113, 6)},
            "public.example", new InetAddress[] {v4(203, 0, 113, 5), v4(203, 0, 113, 6)},
            "mapped.example", new InetAddress[] {mappedV6(169, 254, 169, 254)},
            "aws6.example", new InetAddress[] {v6("fd00:ec2::254")},
            "local.example", new InetAddress[] {v4(127, 0, 0, 1), v4(10, 1, 2, 3)},
            "denied.example", new InetAddress[] {v4(203, 0, 113, 9)},
            "empty.example", new InetAddress[0]));
    private final PolicyDnsResolver resolver = new PolicyDnsResolver(dns,
            new HostPolicy(true, true, List.of(), List.of("203.0.113.9")));

    @Test
    void aNameResolvingToMetadataIsRefused() {
        UnknownHostException e = assertThrows(PolicyDnsResolver.ForbiddenHostException.class, () -> resolver.resolve("evil.example"));
        assertTrue(e.getMessage().startsWith("evil.example "), e.getMessage());
        assertEquals(List.of("evil.example"), dns.asked);
    }

    @Test
    void oneForbiddenAddressAmongSeveralRefusesTheName() {
        assertThrows(PolicyDnsResolver.ForbiddenHostException.class, () -> resolver.resolve("mixed.example"));
    }

    @Test
    void ipv4MappedAndIpv6MetadataAddressesAreRefused() {
        assertThrows(PolicyDnsResolver.ForbiddenHostException.class, () -> resolver.resolve("mapped.example"));
        assertThrows(PolicyDnsResolver.ForbiddenHostException.class, () -> resolver.resolve("aws6.example"));
    }

    @Test
    void aNameResolvingToADeniedAddressIsRefused() {
        assertThrows(PolicyDnsResolver.ForbiddenHostException.class, () -> resolver.resolve("denied.example"));
    }

    @Test
    void allowedAddressesPass() throws UnknownHostException {
        InetAddress[] addresses = resolver.resolve("public.example");
        assertSame(dns.answers.get("public.example"), addresses);
    }

    @Test
    void privateAddressesPassOrNotAsThePolicySays() throws UnknownHostException {
        assertEquals(2, resolver.resolve("local.example").length);
        PolicyDnsResolver noPrivate = new PolicyDnsResolver(dns, new HostPolicy(true, false, List.of(), List.of()));
        assertThrows(PolicyDnsResolver.ForbiddenHostException.class, () -> noPrivate.resolve("local.example"));
    }

    @Test
    void noAddressesIsRefused() {
        assertThrows(PolicyDnsResolver.ForbiddenHostException.class, () -> resolver.resolve("empty.example"));
    }

    @Test
    void anUnknownNameFailsAsUnknownNotForbidden() {
        UnknownHostException e = assertThrows(UnknownHostException.class, () -> resolver.resolve("nowhere.example"));
        assertFalse(e instanceof PolicyDnsResolver.ForbiddenHostException);
    }

    @Test
    void canonicalNamesComeFromTheDelegate() throws UnknownHostException {
        assertEquals("canonical.public.example", resolver.resolveCanonicalHostname("public.example"));
    }

    private static final class FakeDns implements DnsResolver {
        final Map<String, InetAddress[]> answers;
        final List<String> asked = new ArrayList<>();

        FakeDns(Map<String, InetAddress[]> answers) {
            this.answers = answers;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            asked.add(host);
            InetAddress[] addresses = answers.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return addresses;
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return "canonical." + host;
        }
    }

    private static InetAddress v4(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A true Inet6Address holding ::ffff:a.b.c.d (InetAddress.getByAddress would turn it into IPv4). */
    private static InetAddress mappedV6(int a, int b, int c, int d) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        try {
            return Inet6Address.getByAddress(null, bytes, null);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static InetAddress v6(String literal) {
        return IpLiterals.parse(literal).orElseThrow();
    }
}
