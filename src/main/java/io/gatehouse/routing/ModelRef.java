package io.gatehouse.routing;

import io.gatehouse.error.GatewayException;

/**
 * A request's model string, read for catalog addressing: {@code @openai-prod/gpt-4o} names the catalog
 * entry {@code openai-prod} and the upstream model {@code gpt-4o}; anything else is a plain model name.
 *
 * @param slug  the catalog entry named by the model string ({@code @openai-prod}), or null
 * @param model the model to ask the provider for, or null when the request names none
 */
record ModelRef(String slug, String model) {

    static ModelRef parse(String model) {
        if (model == null || !model.startsWith("@")) {
            return new ModelRef(null, model);
        }
        int slash = model.indexOf('/');
        if (slash < 2 || slash == model.length() - 1) {
            throw GatewayException.badRequest("invalid_model",
                    "A model string that starts with '@' must be '@<catalog entry>/<model>', e.g. @openai-prod/gpt-4o");
        }
        return new ModelRef(model.substring(0, slash), model.substring(slash + 1));
    }
}
