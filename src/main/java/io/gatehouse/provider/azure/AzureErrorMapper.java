package io.gatehouse.provider.azure;

import io.gatehouse.model.Json;
import io.gatehouse.model.ProviderError;
import io.gatehouse.provider.ErrorTranslator;
import jakarta.json.JsonObject;

/**
 * Azure's errors are already OpenAI-shaped ({@code {"error":{"code":"DeploymentNotFound","message":…}}},
 * content filtering adds {@code param} and {@code innererror}); only a missing type is derived from the status.
 */
final class AzureErrorMapper implements ErrorTranslator {

    @Override
    public ProviderError error(int status, JsonObject body) {
        JsonObject error = Json.object(body, "error");
        String message = Json.string(error, "message");
        String type = Json.string(error, "type");
        return new ProviderError(message != null ? message : body.toString(),
                type != null ? type : ProviderError.typeForStatus(status), Json.string(error, "param"), Json.string(error, "code"));
    }
}
