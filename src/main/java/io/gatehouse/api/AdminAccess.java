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
 * other hosts ({@code admin.allow-remote-when-open}). The console's own files hold no data: with gateway keys
 * they are served to anyone (the console then asks for an admin key), on an open gateway to loopback alone.
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
        check(headers, remoteAddress, true);
    }

    /** @param data whether the call reads data (the API), rather than one of the console's files */
    void check(RequestHeaders headers, String remoteAddress, boolean data) {
        Caller caller;
        try {
            caller = authenticate.authenticate(headers);
        } catch (GatewayException unauthenticated) {
            if (data) {
                throw unauthenticated;
            }
            return;
        }
        if (caller == Caller.OPEN) {
            if (!remoteWhenOpen && !isLoopback(remoteAddress)) {
                throw new GatewayException(ErrorType.PERMISSION, "admin_loopback_only", "The admin API of a gateway "
                        + "without gateway keys answers on loopback only (admin.allow-remote-when-open=true to change that)");
            }
            return;
        }
        if (data && !caller.key().admin()) {
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
