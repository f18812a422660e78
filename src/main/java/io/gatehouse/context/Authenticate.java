package io.gatehouse.context;

import io.gatehouse.access.Caller;
import io.gatehouse.access.GatewayKey;
import io.gatehouse.access.GatewayKeys;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.GatewayHeaders;
import io.gatehouse.http.RequestHeaders;
import java.util.function.Supplier;

/**
 * Who is calling. With no gateway keys configured the gateway is open and nothing is asked. Otherwise the
 * request must present a key: {@code x-portkey-api-key}, or — when that header is absent —
 * {@code Authorization: Bearer}, or else {@code x-api-key} (the Anthropic SDK's, as the seeds show it with
 * {@code api_key="PORTKEY_API_KEY"}). A key that came in {@code Authorization} or {@code x-api-key} is the
 * gateway's, not a provider key (so the provider credentials must come from the catalog or the config).
 * Missing or unknown: 401. The key is never logged, echoed, or sent upstream.
 */
final class Authenticate {
    private final Supplier<GatewayKeys> keys;

    Authenticate(Supplier<GatewayKeys> keys) {
        this.keys = keys;
    }

    /**
     * @param caller         who is calling
     * @param consumedHeader the client header that carried the gateway key, so it is no provider key and must
     *                       never be forwarded ({@code authorization} or {@code x-api-key}); null otherwise
     */
    record Result(Caller caller, String consumedHeader) {
        static final Result OPEN = new Result(Caller.OPEN, null);
    }

    Result authenticate(RequestHeaders headers) {
        GatewayKeys configured = keys.get();
        if (configured.open()) {
            return Result.OPEN;
        }
        String presented = blankToNull(headers.first(GatewayHeaders.API_KEY));
        String consumed = null;
        if (presented == null) {
            presented = blankToNull(RequestContextParser.bearerToken(headers.first("authorization")));
            consumed = "authorization";
        }
        if (presented == null) {
            presented = blankToNull(headers.first("x-api-key"));
            consumed = "x-api-key";
        }
        if (presented == null) {
            throw unauthorized("missing_api_key", "A gateway API key is required: send x-portkey-api-key "
                    + "(or Authorization: Bearer / x-api-key when the provider credentials come from the model catalog)");
        }
        GatewayKey key = configured.find(presented.strip())
                .orElseThrow(() -> unauthorized("invalid_api_key", "Invalid gateway API key"));
        return new Result(new Caller(key), consumed);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static GatewayException unauthorized(String code, String message) {
        return new GatewayException(ErrorType.AUTHENTICATION, code, message);
    }
}
