package io.gatehouse.error;

import io.gatehouse.http.Header;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * An error the gateway answers itself (as opposed to an upstream error it relays). Carries everything the
 * client sees: status, {@code error.type}, {@code error.code} and a message that never contains secrets.
 */
public class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorType type;
    private final int status;
    private final String code;

    public GatewayException(ErrorType type, String code, String message) {
        this(type, type.status(), code, message, null);
    }

    public GatewayException(ErrorType type, int status, String code, String message, Throwable cause) {
        super(message, cause, false, false);
        this.type = type;
        this.status = status;
        this.code = code;
    }

    public static GatewayException badRequest(String code, String message) {
        return new GatewayException(ErrorType.INVALID_REQUEST, code, message);
    }

    public ErrorType type() {
        return type;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /**
     * Fields the error body carries beside {@code error}, e.g. Portkey's {@code errors} list for an
     * invalid config. None by default.
     */
    public Map<String, JsonValue> bodyExtras() {
        return Map.of();
    }

    /** Headers the error answer carries beside the gateway's own (e.g. {@code retry-after}). None by default. */
    public List<Header> responseHeaders() {
        return List.of();
    }
}
