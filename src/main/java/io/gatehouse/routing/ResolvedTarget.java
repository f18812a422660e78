package io.gatehouse.routing;

import io.gatehouse.provider.ProviderSpec;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * Where one attempt goes, with every setting already merged from headers and config.
 *
 * @param provider        the provider
 * @param apiKey          the provider key, or null (never logged)
 * @param customHost      replaces the provider's base URL, or null
 * @param overrideParams  deep-merged into the request body, or null
 * @param forwardHeaders  client headers to copy upstream, or null
 * @param requestTimeout  per-attempt timeout, or null
 * @param optionPath      the JSON path of this target in the config ({@code config}, {@code config.targets[1]})
 */
public record ResolvedTarget(
        ProviderSpec provider,
        String apiKey,
        String customHost,
        JsonObject overrideParams,
        List<String> forwardHeaders,
        Duration requestTimeout,
        String optionPath) {
}
