package io.gatehouse.access;

import io.gatehouse.config.Hooks;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import java.util.Map;
import java.util.Set;

/**
 * One gateway API key, known only by its SHA-256: who holds it, what it may reach, how much.
 *
 * @param name            its holder, shown in logs and errors (the key never is)
 * @param sha256          the key's SHA-256
 * @param entries         catalog slugs it may use; null for every entry
 * @param models          models it may ask for
 * @param directProviders whether it may call providers with its own provider credentials
 * @param limits          its rate limits and budgets
 * @param metadata        defaults for {@code x-portkey-metadata}
 * @param admin           whether it may use the admin API and console ({@code /admin})
 * @param guardrails      hooks every call with this key runs, before the request's own
 */
public record GatewayKey(String name, byte[] sha256, Set<String> entries, ModelNames models, boolean directProviders,
                         Limits limits, Map<String, String> metadata, boolean admin, Hooks guardrails) {

    /** A key without admin rights or guardrails. */
    public GatewayKey(String name, byte[] sha256, Set<String> entries, ModelNames models, boolean directProviders,
                      Limits limits, Map<String, String> metadata) {
        this(name, sha256, entries, models, directProviders, limits, metadata, false, Hooks.NONE);
    }

    /** A key without guardrails. */
    public GatewayKey(String name, byte[] sha256, Set<String> entries, ModelNames models, boolean directProviders,
                      Limits limits, Map<String, String> metadata, boolean admin) {
        this(name, sha256, entries, models, directProviders, limits, metadata, admin, Hooks.NONE);
    }

    /** A key without admin rights. */
    public GatewayKey(String name, byte[] sha256, Set<String> entries, ModelNames models, boolean directProviders,
                      Limits limits, Map<String, String> metadata, Hooks guardrails) {
        this(name, sha256, entries, models, directProviders, limits, metadata, false, guardrails);
    }

    public GatewayKey {
        sha256 = sha256.clone();
        entries = entries == null ? null : Set.copyOf(entries);
        metadata = Map.copyOf(metadata);
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /**
     * Refuses (403) a target outside this key's grants.
     *
     * @param entry    the catalog entry the target uses, or null for a provider called with the client's own key
     * @param provider the provider slug
     * @param model    the model asked for, or null (unknown, or none asked for)
     */
    public void authorize(CatalogEntry entry, String provider, String model) {
        if (entry == null && !directProviders) {
            throw forbidden("entry_not_allowed", "Gateway key '" + name + "' may only use model-catalog entries (@slug), not provider '"
                    + provider + "' with its own credentials");
        }
        if (entry != null && entries != null && !entries.contains(entry.slug())) {
            throw forbidden("entry_not_allowed", "Gateway key '" + name + "' may not use catalog entry '@" + entry.slug() + "'");
        }
        if (!models.allows(model)) {
            throw forbidden("model_not_allowed", "Gateway key '" + name + "' may not use model '" + model + "'");
        }
    }

    static GatewayException forbidden(String code, String message) {
        return new GatewayException(ErrorType.PERMISSION, code, message);
    }

    @Override
    public String toString() {
        return "GatewayKey[" + name + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GatewayKey other && other.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}
