package io.gatehouse.error;

/** The {@code error.type} values the gateway itself produces, with the HTTP status each one implies. */
public enum ErrorType {
    INVALID_REQUEST("invalid_request_error", 400),
    AUTHENTICATION("authentication_error", 401),
    PERMISSION("permission_error", 403),
    NOT_FOUND("not_found_error", 404),
    METHOD_NOT_ALLOWED("method_not_allowed_error", 405),
    TIMEOUT("timeout_error", 408),
    PAYLOAD_TOO_LARGE("payload_too_large_error", 413),
    RATE_LIMITED("rate_limit_error", 429),
    /** OpenAI's type for a spent quota; the gateway uses it for a spent budget. */
    INSUFFICIENT_QUOTA("insufficient_quota", 429),
    /** Portkey's status for a request or answer withheld by a guardrail. */
    HOOKS_FAILED("hooks_failed", 446),
    HEADERS_TOO_LARGE("request_header_fields_too_large", 431),
    UPSTREAM_UNREACHABLE("upstream_error", 502),
    UPSTREAM_UNAVAILABLE("upstream_error", 503),
    OVERLOADED("server_overloaded", 503),
    UPSTREAM_TIMEOUT("upstream_timeout_error", 504),
    INTERNAL("internal_error", 500);

    private final String wireName;
    private final int status;

    ErrorType(String wireName, int status) {
        this.wireName = wireName;
        this.status = status;
    }

    public String wireName() {
        return wireName;
    }

    public int status() {
        return status;
    }
}
