package io.gatehouse.provider.google;

import io.gatehouse.model.Json;
import io.gatehouse.model.ProviderError;
import io.gatehouse.provider.ErrorTranslator;
import jakarta.json.JsonObject;

/** {@code {"error":{"code":400,"message":"…","status":"INVALID_ARGUMENT"}}}: the status becomes the code. */
final class GoogleErrorMapper implements ErrorTranslator {

    @Override
    public ProviderError error(int status, JsonObject body) {
        JsonObject error = Json.object(body, "error");
        String message = Json.string(error, "message");
        int code = Json.integer(error, "code", status);
        return new ProviderError(message != null ? message : body.toString(), ProviderError.typeForStatus(code),
                null, Json.string(error, "status"));
    }
}
