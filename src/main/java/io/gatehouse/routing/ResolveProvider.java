package io.gatehouse.routing;

import io.gatehouse.access.Catalog;
import io.gatehouse.access.CatalogEntry;
import io.gatehouse.error.GatewayException;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.provider.ProviderSpec;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The one place a provider name becomes a provider, for config validation and for each request alike:
 * a provider slug ({@code openai}) names the provider, called with the client's own credentials; an
 * {@code @slug} names an entry of the model catalog, which brings its provider type, keys, host and
 * options. Virtual keys arrive here as {@code @name} too.
 */
public final class ResolveProvider {
    private final ProviderRegistry registry;
    private final Supplier<Catalog> catalog;

    public ResolveProvider(ProviderRegistry registry) {
        this(registry, () -> Catalog.EMPTY);
    }

    /** @param catalog the catalog in force (it may be reloaded between requests) */
    public ResolveProvider(ProviderRegistry registry, Supplier<Catalog> catalog) {
        this.registry = registry;
        this.catalog = catalog;
    }

    /**
     * What a name resolves to.
     *
     * @param provider the provider
     * @param entry    the catalog entry, or null for a plain provider slug
     */
    public record Choice(ProviderSpec provider, CatalogEntry entry) {
    }

    /** The provider or catalog entry, or a 400 {@code unknown_provider} naming what was not found. */
    public Choice choose(String name) {
        if (isCatalogName(name)) {
            CatalogEntry entry = catalog.get().find(name.substring(1)).orElseThrow(() -> GatewayException.badRequest(
                    "unknown_provider", "No model-catalog entry or virtual key named '" + name.substring(1) + "'"));
            return new Choice(entry.provider(), entry);
        }
        return new Choice(registry.resolve(name), null);
    }

    /** The provider, or a 400 {@code unknown_provider} listing the valid names. */
    public ProviderSpec resolve(String name) {
        return choose(name).provider();
    }

    public boolean isKnown(String name) {
        if (isCatalogName(name)) {
            return catalog.get().find(name.substring(1)).isPresent();
        }
        return registry.slugs().contains(name.toLowerCase(Locale.ROOT));
    }

    public String validNames() {
        return String.join(", ", registry.slugs());
    }

    /** {@code @slug}: a catalog entry rather than a provider. */
    public static boolean isCatalogName(String name) {
        return name.startsWith("@") && name.length() > 1;
    }
}
