package io.gatehouse.pipeline;

import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.upstream.ReplayableBody;
import io.gatehouse.upstream.SpoolSpace;
import io.gatehouse.usage.TopLevelMembers;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.util.Set;

/**
 * The model a proxied body names, for a gateway key or catalog entry that grants only some models. Asked
 * only then, and before the body goes upstream: the whole body is read ahead (kept in its replay copy, sent
 * unchanged after) while its top-level {@code model} member is picked out as the bytes pass, so neither the
 * body's size nor its layout (padding, member order, escaped keys) can hide the model. A body whose model
 * cannot be known for certain is refused, never sent on a guess.
 */
final class RequestedModel {
    private static final String MODEL = "model";

    private RequestedModel() {
    }

    /**
     * @param body     the proxied body, or null when the request has none (no model: nothing to restrict)
     * @param maxBytes the most read ahead; a larger body is refused (413)
     * @return the model, or null when the JSON body names none
     */
    static String of(ReplayableBody body, String contentType, long maxBytes) {
        if (body == null) {
            return null;
        }
        if (!ProxyPipeline.isJson(contentType)) {
            throw new GatewayException(ErrorType.PERMISSION, "model_not_determinable", "This gateway key may use only some "
                    + "models, and the model of a " + (contentType == null ? "body without a Content-Type" : contentType.split(";", 2)[0]
                    + " body") + " cannot be checked: send JSON, or use a key that grants every model");
        }
        TopLevelMembers members = new TopLevelMembers(Set.of(MODEL));
        boolean whole;
        try {
            whole = body.readWhole(maxBytes, new OutputStream() {
                @Override
                public void write(int b) {
                    members.feed(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    members.feed(bytes, offset, length);
                }
            });
        } catch (SpoolSpace.FullException e) {
            throw new GatewayException(ErrorType.OVERLOADED, 503, "temp_space_full", "The gateway's temp space for request bodies "
                    + "is full, and this body must be read whole to check the key's model grant: try again shortly", e);
        } catch (IOException e) {
            throw new GatewayException(ErrorType.INVALID_REQUEST, 400, "body_unreadable",
                    "Request body could not be read: the client stopped sending", e);
        }
        if (!whole) {
            throw new GatewayException(ErrorType.PAYLOAD_TOO_LARGE, "body_too_large", "This gateway key may use only some models: "
                    + "its proxied JSON bodies are read whole to check the model, up to " + maxBytes + " bytes");
        }
        if (members.times(MODEL) > 1) {
            throw GatewayException.badRequest("invalid_model", "The body names its model more than once");
        }
        String raw = members.captured().get(MODEL);
        if (raw == null) {
            if (members.times(MODEL) == 1) {
                throw GatewayException.badRequest("invalid_model", "The body's model is not a model name");
            }
            return null;
        }
        return modelName(raw);
    }

    private static String modelName(String rawJson) {
        try (JsonReader reader = Json.createReader(new StringReader(rawJson))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonString name) {
                return name.getString();
            }
            if (value == JsonValue.NULL) {
                return null;
            }
        } catch (JsonException e) {
            // answered below
        }
        throw GatewayException.badRequest("invalid_model", "The body's model must be a string");
    }
}
