package io.gatehouse.routing;

import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.provider.ProviderSpec;
import java.util.Locale;

/**
 * The one place a provider name becomes a provider, for config validation and for each request alike —
 * so {@code @slug} names of the model catalog can be added here alone.
 */
public final class ResolveProvider {
    private final ProviderRegistry registry;

    public ResolveProvider(ProviderRegistry registry) {
        this.registry = registry;
    }

    /** The provider, or a 400 {@code unknown_provider} listing the valid names. */
    public ProviderSpec resolve(String name) {
        return registry.resolve(name);
    }

    public boolean isKnown(String name) {
        return registry.slugs().contains(name.toLowerCase(Locale.ROOT));
    }

    public String validNames() {
        return String.join(", ", registry.slugs());
    }
}
