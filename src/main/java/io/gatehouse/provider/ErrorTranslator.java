package io.gatehouse.provider;

import io.gatehouse.model.ProviderError;
import jakarta.json.JsonObject;

/** A provider's error answer (JSON) in OpenAI's error fields. */
public interface ErrorTranslator {
    /** @param status the upstream HTTP status; @param body its JSON body */
    ProviderError error(int status, JsonObject body);
}
