package io.gatehouse.routing;

import io.gatehouse.config.CacheConfig;
import io.gatehouse.config.Hooks;
import io.gatehouse.config.ProviderOptions;
import io.gatehouse.config.TargetConfig;
import io.gatehouse.model.JsonMerge;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * A config node's effective settings: its own fields, plus what it inherits from the nodes above it,
 * computed once when the config is compiled (Portkey's inheritance, portkey-behaviour.md §3.3):
 * <ul>
 *   <li>{@code override_params} deep-merge down the tree, the child winning per key;</li>
 *   <li>{@code retry} and {@code cache} are replaced whole by a child's own, else inherited;</li>
 *   <li>{@code request_timeout}, {@code custom_host}, {@code forward_headers},
 *       {@code strict_open_ai_compliance} are inherited when the child does not set them;</li>
 *   <li>hooks (guardrails and mutators) are inherited side by side: a child that sets before-request
 *       hooks replaces its parent's, and the same for after-request hooks;</li>
 *   <li>provider, key and provider-specific fields are never inherited: each leaf names its own (or the
 *       request headers supply them).</li>
 * </ul>
 */
record TargetSettings(
        String provider,
        String apiKey,
        String customHost,
        List<String> forwardHeaders,
        JsonObject overrideParams,
        Duration requestTimeout,
        RetryPolicy retry,
        CacheConfig cache,
        Boolean strictOpenAiCompliance,
        ProviderOptions providerOptions,
        Hooks hooks) {

    /** Nothing configured: a request routed by its headers alone. */
    static final TargetSettings NONE = new TargetSettings(
            null, null, null, null, null, null, RetryPolicy.NONE, null, null, ProviderOptions.NONE, Hooks.NONE);

    /** The effective settings of {@code node}, whose parent's effective settings these are. */
    TargetSettings inherit(TargetConfig node) {
        return new TargetSettings(
                node.providerName(),
                node.apiKey(),
                node.customHost() != null ? node.customHost() : customHost,
                node.forwardHeaders() != null ? node.forwardHeaders() : forwardHeaders,
                mergedOverrides(node.overrideParams()),
                node.requestTimeout() != null ? Duration.ofMillis(node.requestTimeout()) : requestTimeout,
                node.retry() != null ? RetryPolicy.of(node.retry()) : retry,
                node.cache() != null ? node.cache() : cache,
                node.strictOpenAiCompliance() != null ? node.strictOpenAiCompliance() : strictOpenAiCompliance,
                node.providerOptions(),
                hooks.inherit(node.hooks()));
    }

    private JsonObject mergedOverrides(JsonObject own) {
        if (own == null) {
            return overrideParams;
        }
        return overrideParams == null ? own : JsonMerge.deepMerge(overrideParams, own);
    }

    @Override
    public String toString() {
        return "TargetSettings[provider=" + provider + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", customHost=" + customHost + ", retry=" + retry + "]";
    }
}
