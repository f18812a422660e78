package io.gatehouse.routing;

import io.gatehouse.access.CatalogEntry;
import io.gatehouse.config.CacheConfig;
import io.gatehouse.config.Hooks;
import io.gatehouse.config.ProviderOptions;
import io.gatehouse.provider.ProviderSpec;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * Where one attempt goes, with every setting final: the leaf's inherited config settings with the
 * request's own headers applied.
 *
 * @param provider               the provider
 * @param apiKey                 the provider key, or null (never logged)
 * @param customHost             replaces the provider's base URL, or null
 * @param overrideParams         deep-merged into the request body, or null
 * @param forwardHeaders         client headers to copy upstream, or null
 * @param requestTimeout         per-attempt timeout, or null
 * @param optionPath             the JSON path of this target in the config ({@code config}, {@code config.targets[1]})
 * @param retry                  how attempts at this target are retried
 * @param providerOptions        provider-specific config fields, for provider adapters (a catalog entry's own)
 * @param entry                  the model-catalog entry the target uses, or null for a provider called with
 *                               the client's (or config's) own key
 * @param model                  the model the provider is asked for ({@code @slug/} removed; override params
 *                               applied), or null when unknown (proxied paths) or absent
 * @param cache                  the config's (inherited) {@code cache}, or null when the config sets none
 * @param hooks                  the target's guardrails and mutators, inherited down the config tree
 */
public record ResolvedTarget(
        ProviderSpec provider,
        String apiKey,
        String customHost,
        JsonObject overrideParams,
        List<String> forwardHeaders,
        Duration requestTimeout,
        String optionPath,
        RetryPolicy retry,
        ProviderOptions providerOptions,
        CatalogEntry entry,
        String model,
        CacheConfig cache,
        Hooks hooks) {

    /** A target without a cache config or hooks. */
    public ResolvedTarget(ProviderSpec provider, String apiKey, String customHost, JsonObject overrideParams,
                          List<String> forwardHeaders, Duration requestTimeout, String optionPath, RetryPolicy retry,
                          ProviderOptions providerOptions, CatalogEntry entry, String model) {
        this(provider, apiKey, customHost, overrideParams, forwardHeaders, requestTimeout, optionPath, retry,
                providerOptions, entry, model, null, Hooks.NONE);
    }

    /** A target without hooks. */
    public ResolvedTarget(ProviderSpec provider, String apiKey, String customHost, JsonObject overrideParams,
                          List<String> forwardHeaders, Duration requestTimeout, String optionPath, RetryPolicy retry,
                          ProviderOptions providerOptions, CatalogEntry entry, String model, CacheConfig cache) {
        this(provider, apiKey, customHost, overrideParams, forwardHeaders, requestTimeout, optionPath, retry,
                providerOptions, entry, model, cache, Hooks.NONE);
    }

    /** A target with no retry or provider-specific settings. */
    public ResolvedTarget(ProviderSpec provider, String apiKey, String customHost, JsonObject overrideParams,
                          List<String> forwardHeaders, Duration requestTimeout, String optionPath) {
        this(provider, apiKey, customHost, overrideParams, forwardHeaders, requestTimeout, optionPath,
                RetryPolicy.NONE, ProviderOptions.NONE, null, null);
    }

    /** The same target with the key an attempt was lent (catalog key rotation). */
    public ResolvedTarget withApiKey(String key) {
        return new ResolvedTarget(provider, key, customHost, overrideParams, forwardHeaders, requestTimeout, optionPath,
                retry, providerOptions, entry, model, cache, hooks);
    }

    @Override
    public String toString() {
        return "ResolvedTarget[provider=" + provider.slug() + ", apiKey=" + (apiKey == null ? "none" : "***")
                + ", customHost=" + customHost + ", optionPath=" + optionPath + ", retry=" + retry
                + (entry == null ? "" : ", entry=@" + entry.slug()) + "]";
    }
}
