package io.gatehouse.provider.vertex;

import io.gatehouse.model.Json;
import io.gatehouse.model.ProviderError;
import io.gatehouse.provider.ErrorTranslator;
import jakarta.json.JsonObject;

/**
 * Vertex answers errors in Google's shape, {@code {"error":{"code":429,"message":"…","status":"RESOURCE_EXHAUSTED"}}}
 * (Google's status becomes the code), except that Claude's own errors come in Anthropic's,
 * {@code {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}} (its type is kept).
 */
final class VertexErrorMapper implements ErrorTranslator {

    @Override
    public ProviderError error(int status, JsonObject body) {
        JsonObject error = Json.object(body, "error");
        String message = Json.string(error, "message");
        String anthropicType = Json.string(error, "type");
        String type = anthropicType != null ? anthropicType : ProviderError.typeForStatus(Json.integer(error, "code", status));
        return new ProviderError(message != null ? message : body.toString(), type, null, Json.string(error, "status"));
    }
}
