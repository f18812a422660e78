package io.gatehouse.routing;

import io.gatehouse.error.GatewayException;
import io.gatehouse.http.Header;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * A gateway error that happened after routing began: the same status, type, code and message as the
 * error it wraps, plus where routing was, so the client gets the routing headers on failures too.
 */
public final class RoutingFailure extends GatewayException {
    private static final long serialVersionUID = 1L;

    private final String optionPath;
    private final String provider;
    private final int retries;

    RoutingFailure(GatewayException error, String optionPath, String provider, int retries) {
        super(error.type(), error.status(), error.code(), error.getMessage(), error);
        this.optionPath = optionPath;
        this.provider = provider;
        this.retries = retries;
    }

    /** The error itself (connection refused, timeout, unknown provider, …). */
    public GatewayException error() {
        return (GatewayException) getCause();
    }

    public List<Header> routingHeaders() {
        return RoutingHeaders.of(optionPath, retries, provider);
    }

    public String optionPath() {
        return optionPath;
    }

    /** Retries made before routing failed ({@code x-portkey-retry-attempt-count}). */
    public int retries() {
        return retries;
    }

    /** The provider slug, or null when routing failed before one was known. */
    public String provider() {
        return provider;
    }

    @Override
    public Map<String, JsonValue> bodyExtras() {
        return error().bodyExtras();
    }

    @Override
    public List<Header> responseHeaders() {
        return error().responseHeaders();
    }
}
