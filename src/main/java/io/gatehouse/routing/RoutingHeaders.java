package io.gatehouse.routing;

import io.gatehouse.http.GatewayHeaders;
import io.gatehouse.http.Header;
import java.util.ArrayList;
import java.util.List;

/**
 * The routing response headers every answer carries, success or failure, unified or proxied:
 * which config target answered ({@code x-portkey-last-used-option-index}, a JSON path as in Portkey),
 * how many retries it took ({@code x-portkey-retry-attempt-count}; {@code -1} when retrying gave up on a
 * retriable answer) and the provider ({@code x-portkey-provider}).
 */
public final class RoutingHeaders {
    private RoutingHeaders() {
    }

    public static List<Header> of(Router.Routed<?> routed) {
        return of(routed.target().optionPath(), routed.retries(), routed.target().provider().slug());
    }

    /** @param provider the provider slug, or null when routing failed before one was known */
    public static List<Header> of(String optionPath, int retries, String provider) {
        List<Header> headers = new ArrayList<>(3);
        headers.add(new Header(GatewayHeaders.LAST_USED_OPTION_INDEX, optionPath));
        headers.add(new Header(GatewayHeaders.RETRY_ATTEMPT_COUNT, Integer.toString(retries)));
        if (provider != null) {
            headers.add(new Header(GatewayHeaders.PROVIDER, provider));
        }
        return headers;
    }
}
