package io.gatehouse.provider.voyage;

import io.gatehouse.model.Json;
import io.gatehouse.model.ProviderError;
import io.gatehouse.provider.ErrorTranslator;
import jakarta.json.JsonObject;

/** {@code {"detail": "…"}}: Voyage's errors carry no type, so the status gives one. */
final class VoyageErrorMapper implements ErrorTranslator {

    @Override
    public ProviderError error(int status, JsonObject body) {
        String detail = Json.string(body, "detail");
        return new ProviderError(detail != null ? detail : body.toString(), ProviderError.typeForStatus(status), null, null);
    }
}
