package io.gatehouse.access;

import io.gatehouse.config.Hooks;
import io.gatehouse.config.ProviderOptions;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.usage.Price;
import io.gatehouse.usage.Pricing;
import java.util.Map;
import java.util.Optional;

/**
 * One provider account of the model catalog, ready to use: the provider, its keys (with rotation), where
 * it lives and what may be asked of it. Addressed as {@code @slug} (or by an alias, as a virtual key).
 *
 * @param slug       the catalog name
 * @param provider   the provider type
 * @param keys       the provider keys, in turn
 * @param customHost replaces the provider's base URL, or null
 * @param options    provider-specific fields (Azure's resource, deployment, API version …)
 * @param models     the models it may be asked for
 * @param limits     its rate limits and budgets
 * @param prices     its own prices, which win over the pricing table
 * @param guardrails hooks every call through it runs, after the request's own
 */
public record CatalogEntry(String slug, ProviderSpec provider, KeyRing keys, String customHost, ProviderOptions options,
                           ModelNames models, Limits limits, Map<String, Price> prices, Hooks guardrails) {

    /** An entry without guardrails. */
    public CatalogEntry(String slug, ProviderSpec provider, KeyRing keys, String customHost, ProviderOptions options,
                        ModelNames models, Limits limits, Map<String, Price> prices) {
        this(slug, provider, keys, customHost, options, models, limits, prices, Hooks.NONE);
    }

    public CatalogEntry {
        prices = Map.copyOf(prices);
    }

    /** Its own price for {@code model}, if it has one. */
    public Optional<Price> price(String model) {
        return Pricing.lookup(prices, model);
    }

    @Override
    public String toString() {
        return "CatalogEntry[@" + slug + ", provider=" + provider.slug() + ", " + keys + "]";
    }
}
