package io.gatehouse.api;

import io.gatehouse.access.Caller;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.RequestHeaders;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who may use {@code /admin}. With gateway keys configured: a key marked {@code "admin": true} (401 without a
 * valid key, 403 for any other key). On an open gateway: callers on loopback only, unless the operator allows
 * other hosts ({@code admin.allow-remote-when-open}).
 */
final class AdminAccess {
    private final RequestContextParser authenticate;
    private final boolean remoteWhenOpen;

    /** @param remoteWhenOpen whether an open gateway serves {@code /admin} beyond loopback */
    AdminAccess(RequestContextParser authenticate, boolean remoteWhenOpen) {
        this.authenticate = authenticate;
        this.remoteWhenOpen = remoteWhenOpen;
    }

    /**
     * @param remoteAddress the caller's IP address, as the container saw it
     * @throws GatewayException 401 or 403 when the caller may not
     */
    void check(RequestHeaders headers, String remoteAddress) {
        Caller caller = authenticate.authenticate(headers);
        if (caller == Caller.OPEN) {
            if (!remoteWhenOpen && !isLoopback(remoteAddress)) {
                throw new GatewayException(ErrorType.PERMISSION, "admin_loopback_only", "The admin API of a gateway "
                        + "without gateway keys answers on loopback only (admin.allow-remote-when-open=true to change that)");
            }
            return;
        }
        if (!caller.key().admin()) {
            throw new GatewayException(ErrorType.PERMISSION, "admin_required",
                    "Gateway key '" + caller.key().name() + "' is no admin key");
        }
    }

    /** Whether an IP literal is a loopback address; never looks a name up. */
    static boolean isLoopback(String address) {
        if (address == null || !(address.contains(":") || address.matches("[0-9.]+"))) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
