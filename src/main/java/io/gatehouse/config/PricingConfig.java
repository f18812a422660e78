package io.gatehouse.config;

import io.gatehouse.config.constraint.KnownProvider;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code server-config/pricing.json} as written: per provider, where the prices come from and each
 * model's price in US dollars per million tokens.
 */
public record PricingConfig(Map<@KnownProvider String, @Valid @NotNull Provider> providers) {

    public PricingConfig {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
    }

    /**
     * @param source  the provider's public price list the prices were read from
     * @param checked when they were read (ISO date)
     * @param models  model name → price
     */
    public record Provider(String source, String checked, Map<String, @Valid @NotNull PriceConfig> models) {
        public Provider {
            models = models == null ? Map.of() : Map.copyOf(models);
        }
    }

    public static PricingConfig read(JsonObject json, List<ConfigProblem> problems) {
        ConfigObject root = new ConfigObject(json, "", problems);
        root.allowOnly(Set.of("providers", "note"));
        Map<String, ConfigObject> byProvider = root.childrenByName("providers");
        if (byProvider == null) {
            return new PricingConfig(null);
        }
        Map<String, Provider> providers = new LinkedHashMap<>();
        byProvider.forEach((slug, o) -> {
            o.allowOnly(Set.of("source", "checked", "models"));
            providers.put(slug, new Provider(o.string("source"), o.string("checked"), CatalogConfig.prices(o, "models")));
        });
        return new PricingConfig(providers);
    }
}
