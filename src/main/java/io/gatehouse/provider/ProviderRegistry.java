package io.gatehouse.provider;

import io.gatehouse.error.GatewayException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every provider the gateway can reach, by slug. */
public final class ProviderRegistry {
    private final Map<String, ProviderSpec> bySlug;

    public ProviderRegistry(Collection<ProviderSpec> providers) {
        Map<String, ProviderSpec> map = new LinkedHashMap<>();
        for (ProviderSpec p : providers) {
            if (map.put(p.slug(), p) != null) {
                throw new IllegalArgumentException("duplicate provider slug " + p.slug());
            }
        }
        this.bySlug = Map.copyOf(map);
    }

    /** The OpenAI-compatible table plus the providers with their own API. */
    public static ProviderRegistry defaults() {
        List<ProviderSpec> all = new ArrayList<>(OpenAiCompatibleProviders.table());
        all.addAll(NativeProviders.table());
        return new ProviderRegistry(all);
    }

    /** The provider named {@code slug}, or a 400 that lists the valid names. */
    public ProviderSpec resolve(String slug) {
        ProviderSpec spec = bySlug.get(slug.toLowerCase(Locale.ROOT));
        if (spec == null) {
            throw GatewayException.badRequest("unknown_provider",
                    "Unknown provider '" + slug + "'. Valid providers: " + String.join(", ", slugs()));
        }
        return spec;
    }

    public List<String> slugs() {
        return bySlug.keySet().stream().sorted().toList();
    }
}
