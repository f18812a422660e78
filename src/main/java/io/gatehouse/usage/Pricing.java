package io.gatehouse.usage;

import io.gatehouse.config.PricingConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pricing table of {@code server-config/pricing.json}: per provider slug, each model's price. A dated
 * snapshot ({@code gpt-4o-2024-08-06}, {@code claude-sonnet-4-20250514}) is priced as its base name when
 * the table has no row of its own.
 */
public final class Pricing {
    public static final Pricing NONE = new Pricing(Map.of());
    private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8})$");

    private final Map<String, Map<String, Price>> byProvider;

    public Pricing(Map<String, Map<String, Price>> byProvider) {
        Map<String, Map<String, Price>> copy = new LinkedHashMap<>();
        byProvider.forEach((provider, models) -> copy.put(provider, Map.copyOf(models)));
        this.byProvider = Map.copyOf(copy);
    }

    public static Pricing of(PricingConfig config) {
        Map<String, Map<String, Price>> table = new LinkedHashMap<>();
        config.providers().forEach((provider, prices) -> {
            Map<String, Price> models = new LinkedHashMap<>();
            prices.models().forEach((model, price) -> models.put(model, Price.of(price)));
            table.put(provider, models);
        });
        return new Pricing(table);
    }

    /** The price of {@code model} at {@code provider}: its own row, else its base name's. */
    public Optional<Price> find(String provider, String model) {
        return lookup(byProvider.getOrDefault(provider, Map.of()), model);
    }

    /** A model's row in {@code prices}, else its base name's (without a date suffix). */
    public static Optional<Price> lookup(Map<String, Price> prices, String model) {
        if (model == null) {
            return Optional.empty();
        }
        Price exact = prices.get(model);
        if (exact != null) {
            return Optional.of(exact);
        }
        String base = DATE_SUFFIX.matcher(model).replaceFirst("");
        return Optional.ofNullable(prices.get(base));
    }

    public int size() {
        return byProvider.values().stream().mapToInt(Map::size).sum();
    }
}
