package io.gatehouse.provider.openai;

import io.gatehouse.model.Json;
import io.gatehouse.model.ProviderError;
import io.gatehouse.provider.ErrorTranslator;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * OpenAI's error answer, {@code {"error":{"message","type","param","code"}}}, and the variants the compatible
 * family sends: {@code {"error":"text"}}, or the fields at the top level ({@code {"message","type"}}).
 */
public final class OpenAiErrorMapper implements ErrorTranslator {
    public static final OpenAiErrorMapper INSTANCE = new OpenAiErrorMapper();

    private OpenAiErrorMapper() {
    }

    @Override
    public ProviderError error(int status, JsonObject body) {
        JsonObject error = Json.object(body, "error");
        if (error == null) {
            String text = Json.string(body, "error");
            error = text != null ? Json.object().add("message", text).build() : body;
        }
        String message = Json.string(error, "message");
        String type = Json.string(error, "type");
        return new ProviderError(message != null ? message : body.toString(),
                type != null ? type : ProviderError.typeForStatus(status), Json.string(error, "param"), code(error.get("code")));
    }

    /** Codes are strings in OpenAI's errors, numbers in some compatible servers'. */
    private static String code(JsonValue code) {
        if (code instanceof JsonNumber n) {
            return n.toString();
        }
        return code instanceof JsonString s ? s.getString() : null;
    }
}
