package io.gatehouse.config;

import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code server-config/gateway-keys.json} as written: the keys teams call the gateway with, stored as
 * SHA-256 hashes (the key itself never is), each with what it may reach and how much.
 */
public record GatewayKeysConfig(List<@Valid @NotNull Key> keys) {

    public GatewayKeysConfig {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    /**
     * One gateway key.
     *
     * @param name            who holds it, for logs and errors (never the key)
     * @param sha256          the key's SHA-256 as 64 lower-case hex digits
     * @param entries         catalog slugs it may use, or {@code ["*"]} for all; null or empty for none
     * @param models          models it may ask for (exact names, or a prefix ending in {@code *}); null for any
     * @param directProviders whether it may also call providers with its own provider key (not through the catalog)
     * @param limits          its limits, or null
     * @param metadata        defaults merged into {@code x-portkey-metadata} (the request's values win)
     * @param admin           whether it may read the request log, stats and console under {@code /admin}
     */
    public record Key(
            @NotBlank @Pattern(regexp = CatalogConfig.NAME, message = CatalogConfig.NAME_MESSAGE) String name,
            @NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "must be the key's SHA-256 as 64 lower-case hex digits") String sha256,
            List<@NotBlank String> entries,
            List<@NotBlank String> models,
            Boolean directProviders,
            @Valid LimitsConfig limits,
            Map<String, String> metadata,
            Boolean admin,
            Hooks guardrails) {

        /** A key without admin rights or guardrails of its own. */
        public Key(String name, String sha256, List<String> entries, List<String> models, Boolean directProviders,
                   LimitsConfig limits, Map<String, String> metadata) {
            this(name, sha256, entries, models, directProviders, limits, metadata, null, null);
        }

        public Key {
            entries = entries == null ? List.of() : List.copyOf(entries);
            models = models == null ? null : List.copyOf(models);
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }

    public static GatewayKeysConfig read(JsonObject json, List<ConfigProblem> problems) {
        ConfigObject root = new ConfigObject(json, "", problems);
        root.allowOnly(Set.of("keys"));
        List<ConfigObject> keys = root.children("keys");
        return new GatewayKeysConfig(keys == null ? null : keys.stream().map(GatewayKeysConfig::key).toList());
    }

    private static Key key(ConfigObject o) {
        o.allowOnly(Set.of("name", "sha256", "entries", "models", "direct_providers", "limits", "metadata", "admin",
                "before_request_hooks", "after_request_hooks", "input_guardrails", "output_guardrails", "input_mutators",
                "output_mutators"));
        ConfigObject limits = o.child("limits");
        return new Key(o.string("name"), o.string("sha256"), o.strings("entries"), o.strings("models"),
                o.bool("direct_providers"), limits == null ? null : LimitsConfig.read(limits), o.stringMap("metadata"),
                o.bool("admin"), HooksParser.read(o));
    }
}
