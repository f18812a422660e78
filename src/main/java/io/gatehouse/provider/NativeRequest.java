package io.gatehouse.provider;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * A translated request in the provider's own API.
 *
 * @param endpoint where it goes, with the provider's headers
 * @param body     the native JSON body
 */
public record NativeRequest(Endpoint endpoint, JsonObject body) {

    /** The body's bytes as sent: a provider that signs its requests signs exactly these. */
    public static byte[] bytes(JsonObject body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    public byte[] bodyBytes() {
        return bytes(body);
    }
}
