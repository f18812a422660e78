package io.gatehouse.egress;

import io.gatehouse.error.GatewayException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which upstream hosts the gateway may connect to. Cloud metadata endpoints are always refused. Private
 * networks (loopback, RFC 1918, CGNAT, IPv6 unique-local) are reachable through hosts the operator wrote
 * (saved configs, the catalog) and, on a gateway with gateway keys, through hosts its callers choose; on an
 * open gateway a client-chosen host may reach a private network only when the operator lists it in
 * {@code custom-host.private-hosts} (or sets {@code custom-host.allow-private-networks=true}): an open gateway
 * is not a relay into the network it runs in. Operators can also refuse private networks altogether, deny
 * hosts, or allow only a list of hosts ({@code server-config/gatehouse.properties}).
 *
 * <p>Decided before any byte is sent: on the URL ({@link #checkUrl}), so literal and obfuscated IPs are
 * refused at once; for a client-chosen host, also on every address its name resolves to
 * ({@link #checkClientHost}), also when an egress proxy would resolve the name itself; and at connection
 * time on the addresses the name resolves to then ({@link #permits}), against DNS that changes its answer.
 *
 * @param refuseMetadata                refuse link-local and well-known cloud metadata addresses and names
 * @param allowPrivateNetworks          allow private network addresses at all
 * @param allowedHosts                  when not empty, the only hosts allowed (exact names or {@code *.suffix})
 * @param deniedHosts                   hosts always refused (exact names, {@code *.suffix}, or IP literals)
 * @param privateNetworksForOpenGateway allow a client of an open gateway to choose a private host
 * @param privateHosts                  private hosts a client of an open gateway may choose all the same
 *                                      (exact names, {@code *.suffix}, or IP literals, matched against the
 *                                      name and the addresses it resolves to)
 */
public record HostPolicy(boolean refuseMetadata, boolean allowPrivateNetworks,
                         List<String> allowedHosts, List<String> deniedHosts,
                         boolean privateNetworksForOpenGateway, List<String> privateHosts) {

    private static final Set<String> METADATA_NAMES = Set.of(
            "metadata", "metadata.google.internal", "metadata.goog", "metadata.azure.com",
            "instance-data", "instance-data.ec2.internal");

    public HostPolicy {
        allowedHosts = lowerCase(allowedHosts);
        deniedHosts = lowerCase(deniedHosts);
        privateHosts = lowerCase(privateHosts);
        privateNetworksForOpenGateway = privateNetworksForOpenGateway && allowPrivateNetworks;
    }

    /** Private networks for every caller alike (or for none). */
    public HostPolicy(boolean refuseMetadata, boolean allowPrivateNetworks, List<String> allowedHosts, List<String> deniedHosts) {
        this(refuseMetadata, allowPrivateNetworks, allowedHosts, deniedHosts, allowPrivateNetworks, List.of());
    }

    /** As shipped: metadata refused; private networks for operator hosts and keyed callers, not open-gateway clients. */
    public static HostPolicy selfHostedDefault() {
        return new HostPolicy(true, true, List.of(), List.of(), false, List.of());
    }

    /** Resolves a host name to its addresses (the JVM's DNS, or a fake in tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** For the start-up log: who may reach private networks. */
    public String describePrivateNetworks() {
        if (!allowPrivateNetworks) {
            return "private networks are refused to every upstream host";
        }
        if (privateNetworksForOpenGateway) {
            return "private networks are reachable by every caller, also on a gateway without gateway keys "
                    + "(custom-host.allow-private-networks=true)";
        }
        return "private networks are reachable through operator-written hosts and by callers with a gateway key; "
                + "on a gateway without keys, clients may choose only these private hosts: "
                + (privateHosts.isEmpty() ? "none" : String.join(", ", privateHosts)) + " (custom-host.private-hosts)";
    }

    /**
     * Refuses (400) a host a client chose ({@code x-portkey-custom-host}, an inline config's
     * {@code custom_host}): by its URL, then by every address its name resolves to now, before any
     * connection. An egress proxy would resolve the name itself, after the gateway's own check at connection
     * time was skipped; so the name is resolved here whatever the route, and a name that does not resolve is
     * refused.
     *
     * @param openGateway whether the caller came without a gateway key (the gateway has none)
     */
    public void checkClientHost(URI url, String source, boolean openGateway, Resolver resolver) {
        checkUrl(url, source);
        String host = normalizedHost(url);
        Optional<InetAddress> literal = IpLiterals.parse(host);
        InetAddress[] addresses;
        if (literal.isPresent()) {
            addresses = new InetAddress[] {literal.get()};
        } else {
            try {
                addresses = resolver.resolve(host);
            } catch (UnknownHostException e) {
                addresses = new InetAddress[0];
            }
            if (addresses == null || addresses.length == 0) {
                throw refused(source, "the host name does not resolve");
            }
        }
        for (InetAddress address : addresses) {
            String reason = addressRefusal(address);
            if (reason == null && matchesAny("", Optional.of(address), deniedHosts)) {
                reason = "host is denied";
            }
            if (reason == null && openGateway && !privateNetworksForOpenGateway && isPrivate(unmapped(address))
                    && !matchesAny(host, literal, privateHosts) && !matchesAny("", Optional.of(address), privateHosts)) {
                reason = "private network addresses are refused on a gateway without gateway keys "
                        + "(the operator may list such hosts in custom-host.private-hosts)";
            }
            if (reason != null) {
                throw refused(source, reason);
            }
        }
    }

    /** Refuses (400) a URL whose host this policy forbids, judging from the URL alone. */
    public void checkUrl(URI url, String source) {
        String host = normalizedHost(url);
        String reason = refusal(host, IpLiterals.parse(host));
        if (reason != null) {
            throw refused(source, reason);
        }
    }

    private static GatewayException refused(String source, String reason) {
        return GatewayException.badRequest("custom_host_not_allowed", source + " is not allowed by this gateway's host policy: " + reason);
    }

    private static String normalizedHost(URI url) {
        String host = hostOf(url).toLowerCase(Locale.ROOT);
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static List<String> lowerCase(List<String> hosts) {
        return hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether a resolved address may be connected to; denied IP literals count here too. */
    public boolean permits(InetAddress address) {
        return addressRefusal(address) == null && !matchesAny("", Optional.of(address), deniedHosts);
    }

    /**
     * The URL's host. {@link URI#getHost()} is null for numeric spellings that are not hostnames to it
     * ({@code 0251.0376.0251.0376}, {@code 169.254.43518}, {@code 127.1}), so those are read from the authority.
     */
    private static String hostOf(URI url) {
        if (url.getHost() != null) {
            return url.getHost();
        }
        String authority = url.getRawAuthority() == null ? "" : url.getRawAuthority();
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostAndPort.lastIndexOf(':');
        return colon >= 0 ? hostAndPort.substring(0, colon) : hostAndPort;
    }

    private String refusal(String host, Optional<InetAddress> literal) {
        if (matchesAny(host, literal, deniedHosts)) {
            return "host is denied";
        }
        if (!allowedHosts.isEmpty() && !matchesAny(host, literal, allowedHosts)) {
            return "host is not in the allowed list";
        }
        if (refuseMetadata && METADATA_NAMES.contains(host)) {
            return "cloud metadata endpoints are refused";
        }
        return literal.map(this::addressRefusal).orElse(null);
    }

    private String addressRefusal(InetAddress address) {
        InetAddress a = unmapped(address);
        if (refuseMetadata && isMetadata(a)) {
            return "cloud metadata and link-local addresses are refused";
        }
        if (!allowPrivateNetworks && isPrivate(a)) {
            return "private network addresses are refused";
        }
        if (a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return "wildcard and multicast addresses are refused";
        }
        return null;
    }

    private static boolean isMetadata(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            boolean alibaba = (b[0] & 0xff) == 100 && (b[1] & 0xff) == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200;
            return a.isLinkLocalAddress() || alibaba;
        }
        // fd00:ec2::254 is AWS's IPv6 metadata endpoint; fe80::/10 is link-local.
        boolean awsV6 = (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
                && allZero(b, 4, 14) && (b[14] & 0xff) == 0x02 && (b[15] & 0xff) == 0x54;
        return a.isLinkLocalAddress() || awsV6;
    }

    private static boolean isPrivate(InetAddress a) {
        if (a.isLoopbackAddress() || a.isSiteLocalAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10, carrier-grade NAT
        }
        return (b[0] & 0xfe) == 0xfc; // fc00::/7, unique local
    }

    /**
     * The IPv4 address inside an IPv6 one that embeds it: IPv4-mapped {@code ::ffff:a.b.c.d}, the
     * deprecated IPv4-compatible {@code ::a.b.c.d}, and NAT64 {@code 64:ff9b::a.b.c.d} — each a way to
     * spell 169.254.169.254 past a naive check.
     */
    private static InetAddress unmapped(InetAddress a) {
        if (a instanceof Inet6Address) {
            byte[] b = a.getAddress();
            boolean mapped = allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            boolean compatible = allZero(b, 0, 12) && !allZero(b, 12, 15); // not :: or ::1
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                    && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12);
            if (mapped || compatible || nat64) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (java.net.UnknownHostException e) {
                    return a;
                }
            }
        }
        return a;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesAny(String host, Optional<InetAddress> literal, List<String> patterns) {
        for (String p : patterns) {
            if (p.startsWith("*.") ? host.endsWith(p.substring(1)) : host.equals(p)) {
                return true;
            }
            if (literal.isPresent()) {
                Optional<InetAddress> pattern = IpLiterals.parse(p);
                if (pattern.isPresent() && pattern.get().equals(unmapped(literal.get()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
