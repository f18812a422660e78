package io.gatehouse.provider.cohere;

import io.gatehouse.model.Json;
import io.gatehouse.model.ProviderError;
import io.gatehouse.provider.ErrorTranslator;
import jakarta.json.JsonObject;

/** {@code {"id":"…","message":"invalid request: …"}}: Cohere's errors carry no type, so the status gives one. */
final class CohereErrorMapper implements ErrorTranslator {

    @Override
    public ProviderError error(int status, JsonObject body) {
        String message = Json.string(body, "message");
        return new ProviderError(message != null ? message : body.toString(), ProviderError.typeForStatus(status), null, null);
    }
}
