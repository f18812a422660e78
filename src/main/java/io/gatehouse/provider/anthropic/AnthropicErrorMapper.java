package io.gatehouse.provider.anthropic;

import io.gatehouse.model.Json;
import io.gatehouse.model.ProviderError;
import io.gatehouse.provider.ErrorTranslator;
import jakarta.json.JsonObject;

/** {@code {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}}: the same in answers and stream events. */
final class AnthropicErrorMapper implements ErrorTranslator {

    @Override
    public ProviderError error(int status, JsonObject body) {
        JsonObject error = Json.object(body, "error");
        String message = Json.string(error, "message");
        String type = Json.string(error, "type");
        return new ProviderError(message != null ? message : body.toString(),
                type != null ? type : ProviderError.typeForStatus(status), null, null);
    }
}
