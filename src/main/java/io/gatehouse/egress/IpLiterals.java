package io.gatehouse.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads IP literals the way resolvers do, without ever asking DNS: dotted quads, and the decimal, hex,
 * octal and short forms ({@code 2852039166}, {@code 0xa9fea9fe}, {@code 0251.0376.0251.0376},
 * {@code 169.254.43518}) that SSRF payloads use to hide an address; IPv6 in or out of brackets.
 */
public final class IpLiterals {
    private IpLiterals() {
    }

    /** The address {@code host} denotes literally, or empty when it is a name. */
    public static Optional<InetAddress> parse(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.indexOf(':') >= 0) {
            return ipv6(h);
        }
        return ipv4(h);
    }

    private static Optional<InetAddress> ipv6(String h) {
        int zone = h.indexOf('%');
        String literal = zone >= 0 ? h.substring(0, zone) : h;
        // Starting with a hex digit or ':' keeps InetAddress on its literal parser: it never asks DNS then.
        if (!literal.matches("[0-9a-f:][0-9a-f:.]*")) {
            return Optional.empty();
        }
        try {
            // A string with ':' is parsed as an IPv6 literal; no lookup is made.
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Optional<InetAddress> ipv4(String h) {
        if (h.isEmpty() || h.endsWith(".")) {
            h = h.isEmpty() ? h : h.substring(0, h.length() - 1);
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length < 1 || parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long v = number(parts[i]);
            if (v == null) {
                return Optional.empty();
            }
            values[i] = v;
        }
        long address = 0;
        for (int i = 0; i < values.length - 1; i++) {
            if (values[i] > 255) {
                return Optional.empty();
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[values.length - 1];
        int lastBytes = 4 - (values.length - 1);
        if (last >= (1L << (8 * lastBytes))) {
            return Optional.empty();
        }
        address |= last;
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Long number(String part) {
        // Digits only: Long.parseLong would also take a sign ("0x-1", "0x+a9fea9fe"), resolvers do not.
        if (!part.matches("0x[0-9a-f]*|0[0-7]*|[1-9][0-9]{0,11}")) {
            return null;
        }
        try {
            if (part.startsWith("0x")) {
                return part.length() == 2 ? 0L : Long.parseLong(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return Long.parseLong(part.substring(1), 8);
            }
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
