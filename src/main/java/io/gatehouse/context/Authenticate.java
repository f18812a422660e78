package io.gatehouse.context;

import io.gatehouse.access.Caller;
import io.gatehouse.access.GatewayKey;
import io.gatehouse.access.GatewayKeys;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import java.util.function.Supplier;

/**
 * Who is calling. With no gateway keys configured the gateway is open and nothing is asked. Otherwise the
 * request must present a key: {@code x-portkey-api-key}, or — when that header is absent —
 * {@code Authorization: Bearer}, which then carries the gateway key rather than a provider key (so the
 * provider credentials must come from the catalog or the config). Missing or unknown: 401. The key is
 * never logged, echoed, or sent upstream.
 */
final class Authenticate {
    private final Supplier<GatewayKeys> keys;

    Authenticate(Supplier<GatewayKeys> keys) {
        this.keys = keys;
    }

    /**
     * @param caller                 who is calling
     * @param authorizationConsumed  whether {@code Authorization} carried the gateway key (so it is no provider key)
     */
    record Result(Caller caller, boolean authorizationConsumed) {
        static final Result OPEN = new Result(Caller.OPEN, false);
    }

    Result authenticate(RequestHeaders headers) {
        GatewayKeys configured = keys.get();
        if (configured.open()) {
            return Result.OPEN;
        }
        String presented = headers.first(GatewayHeaders.API_KEY);
        boolean viaAuthorization = presented == null || presented.isBlank();
        if (viaAuthorization) {
            presented = RequestContextParser.bearerToken(headers.first("authorization"));
        }
        if (presented == null || presented.isBlank()) {
            throw unauthorized("missing_api_key", "A gateway API key is required: send x-portkey-api-key "
                    + "(or Authorization: Bearer when the provider credentials come from the model catalog)");
        }
        GatewayKey key = configured.find(presented.strip())
                .orElseThrow(() -> unauthorized("invalid_api_key", "Invalid gateway API key"));
        return new Result(new Caller(key), viaAuthorization);
    }

    private static GatewayException unauthorized(String code, String message) {
        return new GatewayException(ErrorType.AUTHENTICATION, code, message);
    }
}
