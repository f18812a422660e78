package io.gatehouse.provider.bedrock;

import io.gatehouse.model.Json;
import io.gatehouse.model.ProviderError;
import io.gatehouse.provider.ErrorTranslator;
import jakarta.json.JsonObject;
import java.util.Map;

/**
 * Bedrock's errors, {@code {"message": "…"}} with the exception's name in {@code __type} (or, inside a
 * stream, in the exception frame's {@code :exception-type}): the name becomes the error's {@code code}
 * and, for stream exceptions that arrive inside a 200, gives the status its type is read from.
 */
final class BedrockErrorMapper implements ErrorTranslator {
    /** The exception field the event-stream decoder adds to an exception frame's payload. */
    static final String TYPE_FIELD = "__type";
    private static final Map<String, Integer> STATUS_BY_EXCEPTION = Map.ofEntries(
            Map.entry("ValidationException", 400),
            Map.entry("ServiceQuotaExceededException", 400),
            Map.entry("AccessDeniedException", 403),
            Map.entry("UnrecognizedClientException", 403),
            Map.entry("ResourceNotFoundException", 404),
            Map.entry("ModelTimeoutException", 408),
            Map.entry("ConflictException", 409),
            Map.entry("ModelErrorException", 424),
            Map.entry("ModelStreamErrorException", 424),
            Map.entry("ThrottlingException", 429),
            Map.entry("ModelNotReadyException", 429),
            Map.entry("InternalServerException", 500),
            Map.entry("ServiceUnavailableException", 503));

    @Override
    public ProviderError error(int status, JsonObject body) {
        String message = Json.string(body, "message") != null ? Json.string(body, "message") : Json.string(body, "Message");
        String exception = exceptionName(Json.string(body, TYPE_FIELD));
        return new ProviderError(message != null ? message : body.toString(), ProviderError.typeForStatus(status), null, exception);
    }

    /** An error inside a stream: its status from the exception's name (500 when unknown). */
    ProviderError streamError(JsonObject body) {
        return error(statusOf(exceptionName(Json.string(body, TYPE_FIELD))), body);
    }

    static int statusOf(String exception) {
        return exception == null ? 500 : STATUS_BY_EXCEPTION.getOrDefault(exception, 500);
    }

    /**
     * {@code com.amazon…#ThrottlingException}, {@code ThrottlingException:http://…} or a stream's union member
     * {@code throttlingException} → {@code ThrottlingException}.
     */
    static String exceptionName(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        String name = type.contains("#") ? type.substring(type.lastIndexOf('#') + 1) : type;
        name = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
        return name.isEmpty() ? null : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
