package io.gatehouse.provider;

import io.gatehouse.error.GatewayException;
import io.gatehouse.model.Json;
import io.gatehouse.model.ToolCall;
import jakarta.json.JsonObject;

/** Tool-call arguments for providers that take them as a JSON object rather than OpenAI's JSON text. */
public final class ToolArguments {
    private ToolArguments() {
    }

    /** The arguments of an assistant's earlier call as an object; a 400 when they are not one. */
    public static JsonObject asObject(ToolCall call) {
        JsonObject args = Json.parseObjectOrNull(call.arguments());
        if (args == null) {
            throw GatewayException.badRequest("invalid_body",
                    "Invalid request: the arguments of tool call '" + call.id() + "' must be a JSON object");
        }
        return args;
    }

    /** A tool result as an object: its JSON when it is an object, else {@code {"content": text}}. */
    public static JsonObject resultObject(String text) {
        JsonObject parsed = Json.parseObjectOrNull(text);
        return parsed != null ? parsed : Json.object().add("content", text).build();
    }

    /** An image URL a provider can fetch itself: http(s) only; a 400 otherwise. */
    public static String fetchableUrl(String url) {
        if (url.regionMatches(true, 0, "https://", 0, 8) || url.regionMatches(true, 0, "http://", 0, 7)) {
            return url;
        }
        throw GatewayException.badRequest("invalid_body",
                "Invalid request: image URLs must be http(s) or data:<type>;base64 URLs");
    }
}
