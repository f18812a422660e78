package io.gatehouse.model;

/**
 * A provider's error, normalised to OpenAI's error fields. The writer prefixes the message with the
 * provider's name ({@code "anthropic error: …"}).
 *
 * @param message what went wrong, as the provider said it
 * @param type    the error type (the provider's, or one derived from the HTTP status)
 * @param param   the offending parameter, or null
 * @param code    the provider's error code, or null
 */
public record ProviderError(String message, String type, String param, String code) {

    /** OpenAI's error type for an HTTP status, for providers whose errors carry no type. */
    public static String typeForStatus(int status) {
        return switch (status) {
            case 400, 404, 409, 413, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 408, 504 -> "timeout_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        };
    }
}
