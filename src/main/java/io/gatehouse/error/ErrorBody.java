package io.gatehouse.error;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON error shape every gateway-made error uses, OpenAI's:
 * {@code {"error":{"message","type","param","code"}}}.
 */
public final class ErrorBody {
    private static final JsonProvider JSON = JsonProvider.provider();

    private ErrorBody() {
    }

    public static byte[] of(GatewayException e) {
        if (e.bodyExtras().isEmpty()) {
            return of(e.getMessage(), e.type().wireName(), e.code());
        }
        JsonObjectBuilder body = JSON.createObjectBuilder(errorObject(e.getMessage(), e.type().wireName(), e.code()));
        e.bodyExtras().forEach(body::add);
        return body.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] of(String message, String type, String code) {
        return json(message, type, code).getBytes(StandardCharsets.UTF_8);
    }

    public static String json(String message, String type, String code) {
        return errorObject(message, type, code).toString();
    }

    private static JsonObject errorObject(String message, String type, String code) {
        JsonObjectBuilder error = JSON.createObjectBuilder()
                .add("message", message == null ? "" : message)
                .add("type", type)
                .addNull("param");
        if (code == null) {
            error.addNull("code");
        } else {
            error.add("code", code);
        }
        return JSON.createObjectBuilder().add("error", error).build();
    }
}
