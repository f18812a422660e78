package io.gatehouse.provider;

import jakarta.json.JsonObject;

/**
 * A translated request in the provider's own API.
 *
 * @param endpoint where it goes, with the provider's headers
 * @param body     the native JSON body
 */
public record NativeRequest(Endpoint endpoint, JsonObject body) {
}
