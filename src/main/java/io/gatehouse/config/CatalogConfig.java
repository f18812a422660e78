package io.gatehouse.config;

import io.gatehouse.config.constraint.AllowedCustomHost;
import io.gatehouse.config.constraint.KnownProvider;
import io.gatehouse.config.constraint.OneCredentialSource;
import jakarta.json.JsonObject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code server-config/catalog.json} as written: the model catalog, provider accounts stored once under a
 * slug and used as {@code @slug}. Read with the same problem-collecting reader as routing configs and
 * validated with Hibernate Validator; secrets are not resolved here.
 */
public record CatalogConfig(List<@Valid @NotNull Entry> entries) {
    /** Slugs, aliases and gateway key names: letters, digits, {@code -} and {@code _}, as URL-safe ids. */
    public static final String NAME = "[A-Za-z0-9][A-Za-z0-9_-]{0,127}";
    static final String NAME_MESSAGE = "must be letters, digits, '-' and '_' (at most 128, not starting with '-' or '_')";

    public CatalogConfig {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /**
     * One provider account.
     *
     * @param slug               the name clients use, as {@code @slug}
     * @param provider           the provider type: a provider slug ({@code openai}, {@code azure-openai}, …)
     * @param aliases            more names for the entry: Portkey virtual-key ids ({@code virtual_key},
     *                           {@code x-portkey-virtual-key}) that should keep working
     * @param keys               the provider keys, used in turn; none for servers that need no key
     * @param keyCooldownSeconds how long a key that answered 401 or 429 is skipped (default 60)
     * @param customHost         replaces the provider's base URL, or null
     * @param providerOptions    provider-specific fields (Azure {@code resource_name}, {@code deployment_id},
     *                           {@code api_version}, …)
     * @param models             the models it may be asked for (exact names, or a prefix ending in {@code *});
     *                           null for any
     * @param limits             its limits, or null
     * @param pricing            prices of its models that replace (or add to) the pricing table
     */
    public record Entry(
            @NotBlank @Pattern(regexp = NAME, message = NAME_MESSAGE) String slug,
            @NotBlank @KnownProvider String provider,
            List<@NotNull @Pattern(regexp = NAME, message = NAME_MESSAGE) String> aliases,
            List<@Valid @NotNull Credential> keys,
            @Positive @Max(LimitsConfig.MAX_SECONDS) Long keyCooldownSeconds,
            @AllowedCustomHost String customHost,
            ProviderOptions providerOptions,
            List<@NotBlank String> models,
            @Valid LimitsConfig limits,
            Map<String, @Valid @NotNull PriceConfig> pricing,
            Hooks guardrails) {

        /** An entry without guardrails of its own. */
        public Entry(String slug, String provider, List<String> aliases, List<Credential> keys, Long keyCooldownSeconds,
                     String customHost, ProviderOptions providerOptions, List<String> models, LimitsConfig limits,
                     Map<String, PriceConfig> pricing) {
            this(slug, provider, aliases, keys, keyCooldownSeconds, customHost, providerOptions, models, limits, pricing, null);
        }

        public Entry {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            keys = keys == null ? List.of() : List.copyOf(keys);
            providerOptions = providerOptions == null ? ProviderOptions.NONE : providerOptions;
            models = models == null ? null : List.copyOf(models);
            pricing = pricing == null ? Map.of() : Map.copyOf(pricing);
        }

        @Override
        public String toString() {
            return "Entry[slug=" + slug + ", provider=" + provider + ", keys=" + keys.size() + "]";
        }
    }

    /**
     * Where one provider key comes from: an environment variable, a secret file (relative to the
     * configuration directory, or absolute), or — for development only, with a warning — the value inline.
     */
    @OneCredentialSource
    public record Credential(String env, String file, String value) {
        /** Where the key comes from, for logs: never the key itself. */
        public String source() {
            return env != null ? "env " + env : file != null ? "file " + file : "inline value";
        }

        @Override
        public String toString() {
            return "Credential[" + source() + "]";
        }
    }

    /** Reads the file's JSON, recording every problem with its path. */
    public static CatalogConfig read(JsonObject json, List<ConfigProblem> problems) {
        ConfigObject root = new ConfigObject(json, "", problems);
        root.allowOnly(Set.of("entries"));
        List<ConfigObject> entries = root.children("entries");
        return new CatalogConfig(entries == null ? null : entries.stream().map(CatalogConfig::entry).toList());
    }

    private static Entry entry(ConfigObject o) {
        o.allowOnly(Set.of("slug", "provider", "aliases", "keys", "key_cooldown_seconds", "custom_host",
                "provider_options", "models", "limits", "pricing", "before_request_hooks", "after_request_hooks",
                "input_guardrails", "output_guardrails", "input_mutators", "output_mutators"));
        ConfigObject options = o.child("provider_options");
        ConfigObject limits = o.child("limits");
        List<ConfigObject> keys = o.children("keys");
        return new Entry(
                o.string("slug"),
                o.string("provider"),
                o.strings("aliases"),
                keys == null ? null : keys.stream().map(CatalogConfig::credential).toList(),
                o.wholeNumber("key_cooldown_seconds"),
                o.string("custom_host"),
                options == null ? null : providerOptions(options),
                o.strings("models"),
                limits == null ? null : LimitsConfig.read(limits),
                prices(o, "pricing"),
                HooksParser.read(o));
    }

    private static Credential credential(ConfigObject o) {
        o.allowOnly(Set.of("env", "file", "value"));
        return new Credential(o.string("env"), o.string("file"), o.string("value"));
    }

    private static ProviderOptions providerOptions(ConfigObject o) {
        Map<String, jakarta.json.JsonValue> fields = new LinkedHashMap<>();
        for (String key : o.keys()) {
            if (ProviderOptions.isProviderField(key)) {
                fields.put(key, o.raw(key));
            } else {
                o.problem(key, "is not a provider field (resource_name, deployment_id, api_version, azure_*, aws_*, vertex_*, …)");
            }
        }
        return new ProviderOptions(fields);
    }

    /** An object of model name → price. */
    static Map<String, PriceConfig> prices(ConfigObject o, String key) {
        Map<String, ConfigObject> byModel = o.childrenByName(key);
        if (byModel == null) {
            return null;
        }
        Map<String, PriceConfig> prices = new LinkedHashMap<>();
        byModel.forEach((model, price) -> prices.put(model, PriceConfig.read(price)));
        return prices;
    }
}
