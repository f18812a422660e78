package io.gatehouse.access;

import io.gatehouse.config.CatalogConfig;
import io.gatehouse.config.ConfigEnvironment;
import io.gatehouse.config.ConfigProblem;
import io.gatehouse.config.ConfigValidation;
import io.gatehouse.config.GatewayKeysConfig;
import io.gatehouse.config.Hooks;
import io.gatehouse.config.PricingConfig;
import io.gatehouse.egress.HostPolicy;
import io.gatehouse.error.GatewayException;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.usage.Price;
import io.gatehouse.usage.Pricing;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Reads {@code catalog.json}, {@code gateway-keys.json} and {@code pricing.json} from the configuration
 * directory into one {@link AccessConfig}: each file parsed and validated (Hibernate Validator, every
 * problem with its file and JSON path), then checked across files (a key's entries exist, names are
 * unique) and the catalog's secrets read from environment variables and secret files. A missing file
 * means an empty catalog, no prices, and, at start only, an open gateway. Anything wrong refuses the whole set.
 */
public final class AccessConfigLoader {
    public static final String CATALOG_FILE = "catalog.json";
    public static final String KEYS_FILE = "gateway-keys.json";
    public static final String PRICING_FILE = "pricing.json";
    public static final List<String> FILES = List.of(CATALOG_FILE, KEYS_FILE, PRICING_FILE);
    static final Duration DEFAULT_KEY_COOLDOWN = Duration.ofSeconds(60);

    private static final Logger LOG = Logger.getLogger(AccessConfigLoader.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();

    private final Path dir;
    private final ProviderRegistry registry;
    private final ConfigValidation validation;
    private final Function<String, String> environment;
    private final LongSupplier nanoClock;

    /**
     * @param environment reads an environment variable (tests pass a map's {@code get})
     * @param nanoClock   the clock key cool-downs run on
     */
    public AccessConfigLoader(Path dir, ProviderRegistry registry, HostPolicy hostPolicy, Function<String, String> environment,
                              LongSupplier nanoClock) {
        this.dir = dir;
        this.registry = registry;
        Set<String> types = Set.copyOf(registry.slugs());
        this.validation = new ConfigValidation(new ConfigEnvironment(hostPolicy,
                name -> types.contains(name.toLowerCase(Locale.ROOT)), String.join(", ", registry.slugs())));
        this.environment = environment;
        this.nanoClock = nanoClock;
    }

    public Path dir() {
        return dir;
    }

    /** The files as first read, at start: a missing key file means an open gateway. */
    public AccessConfig load() {
        return load(AccessConfig.EMPTY);
    }

    /**
     * The files read again while {@code previous} is in force. Once gateway keys were in force, only an
     * explicit {@code "keys": []} opens the gateway: a key file that went missing is a refused change.
     *
     * @throws InvalidServerConfigException listing every problem of every file
     */
    public AccessConfig load(AccessConfig previous) {
        List<String> problems = new ArrayList<>();
        PricingConfig pricing = read(PRICING_FILE, PricingConfig::read, problems);
        CatalogConfig catalog = read(CATALOG_FILE, CatalogConfig::read, problems);
        GatewayKeysConfig keys = read(KEYS_FILE, GatewayKeysConfig::read, problems);
        if (keys == null && problems.isEmpty() && !previous.keys().open()) {
            problems.add(KEYS_FILE + ": is missing; the gateway keys in force stay (write {\"keys\": []} to open the gateway on purpose)");
        }
        if (!problems.isEmpty()) {
            throw new InvalidServerConfigException(problems);
        }
        Set<Path> files = new LinkedHashSet<>();
        FILES.forEach(f -> files.add(dir.resolve(f)));
        Catalog compiledCatalog = catalog == null ? Catalog.EMPTY : compile(catalog, previous.catalog(), files, problems);
        GatewayKeys compiledKeys = keys == null ? GatewayKeys.OPEN : compile(keys, compiledCatalog, problems);
        if (!problems.isEmpty()) {
            throw new InvalidServerConfigException(problems);
        }
        return new AccessConfig(compiledCatalog, compiledKeys, pricing == null ? Pricing.NONE : Pricing.of(pricing), files);
    }

    /** One file parsed and validated, or null when it does not exist; its problems are added, prefixed by its name. */
    private <T> T read(String name, BiFunction<JsonObject, List<ConfigProblem>, T> reader, List<String> problems) {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            if (!Files.notExists(file)) {
                problems.add(name + ": cannot be read (its directory is not accessible)");
            }
            return null;
        }
        JsonValue json;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8); JsonParser parser = JSON.createParser(in)) {
            parser.next();
            json = parser.getValue();
            if (parser.hasNext()) {
                throw new JsonException("content after the JSON object");
            }
        } catch (IOException | JsonException | IllegalStateException | java.util.NoSuchElementException e) {
            problems.add(name + ": is not valid JSON: " + e.getMessage());
            return null;
        }
        if (json.getValueType() != JsonValue.ValueType.OBJECT) {
            problems.add(name + ": must be a JSON object");
            return null;
        }
        List<ConfigProblem> found = new ArrayList<>();
        T config = reader.apply(json.asJsonObject(), found);
        found.addAll(validation.validate(config));
        Collections.sort(found);
        found.forEach(p -> problems.add(name + ": " + p.path() + ": " + p.message()));
        return config;
    }

    /** @param previous the catalog in force: its keys' cool-downs carry over to the same entries' same keys */
    private Catalog compile(CatalogConfig config, Catalog previous, Set<Path> files, List<String> problems) {
        List<CatalogEntry> entries = new ArrayList<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        Map<String, String> owners = new HashMap<>();
        for (int i = 0; i < config.entries().size(); i++) {
            CatalogConfig.Entry e = config.entries().get(i);
            String at = CATALOG_FILE + ": entries[" + i + "]";
            claim(owners, e.slug(), at + ".slug", problems);
            for (String alias : e.aliases()) {
                if (claim(owners, alias, at + ".aliases", problems)) {
                    aliases.put(alias, e.slug());
                }
            }
            ProviderSpec provider = registry.resolve(e.provider());
            try {
                provider.requireReachable(e.customHost());
            } catch (GatewayException unreachable) {
                problems.add(at + ".custom_host: provider '" + provider.slug() + "' has no public endpoint: give custom_host");
            }
            List<String> secrets = new ArrayList<>();
            for (int k = 0; k < e.keys().size(); k++) {
                String secret = secret(e.keys().get(k), at + ".keys[" + k + "]", files, problems);
                if (secret != null) {
                    secrets.add(secret);
                }
            }
            Map<String, Price> prices = new LinkedHashMap<>();
            e.pricing().forEach((model, price) -> prices.put(model, Price.of(price)));
            Duration cooldown = e.keyCooldownSeconds() != null ? Duration.ofSeconds(e.keyCooldownSeconds()) : DEFAULT_KEY_COOLDOWN;
            entries.add(new CatalogEntry(e.slug(), provider, keys(e.slug(), new KeyRing(secrets, cooldown, nanoClock), previous), e.customHost(),
                    e.providerOptions(), e.models() == null ? ModelNames.ANY : new ModelNames(e.models()),
                    Limits.of(e.limits()), prices, e.guardrails() == null ? Hooks.NONE : e.guardrails()));
        }
        return new Catalog(entries, aliases);
    }

    /** Records that {@code name} is taken (names ignore case); false, with a problem, when it already was. */
    private static boolean claim(Map<String, String> owners, String name, String at, List<String> problems) {
        String previous = owners.putIfAbsent(name.toLowerCase(Locale.ROOT), at);
        if (previous != null) {
            problems.add(at + ": '" + name + "' is already a name at " + previous);
            return false;
        }
        return true;
    }

    private static KeyRing keys(String slug, KeyRing ring, Catalog previous) {
        return previous.find(slug).map(before -> ring.keepingCoolDowns(before.keys())).orElse(ring);
    }

    /** A provider key from its source, or null (with a problem). Never logged. */
    private String secret(CatalogConfig.Credential key, String at, Set<Path> files, List<String> problems) {
        if (key.env() != null) {
            String value = environment.apply(key.env());
            if (value == null || value.isBlank()) {
                problems.add(at + ".env: environment variable " + key.env() + " is not set");
                return null;
            }
            return value.strip();
        }
        if (key.file() != null) {
            Path file = dir.resolve(key.file());
            files.add(file);
            try {
                String value = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (value.isEmpty()) {
                    problems.add(at + ".file: secret file " + file + " is empty");
                    return null;
                }
                return value;
            } catch (IOException e) {
                problems.add(at + ".file: cannot read secret file " + file + " (" + e.getClass().getSimpleName() + ")");
                return null;
            }
        }
        LOG.warning(() -> at + ": a provider key is written inline. Keep keys in environment variables (\"env\") "
                + "or secret files (\"file\"); inline keys are for development only.");
        return key.value();
    }

    private static GatewayKeys compile(GatewayKeysConfig config, Catalog catalog, List<String> problems) {
        List<GatewayKey> keys = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < config.keys().size(); i++) {
            GatewayKeysConfig.Key k = config.keys().get(i);
            String at = KEYS_FILE + ": keys[" + i + "]";
            if (!names.add(k.name())) {
                problems.add(at + ".name: '" + k.name() + "' is already the name of another key");
            }
            if (!hashes.add(k.sha256())) {
                problems.add(at + ".sha256: the same key is configured twice");
            }
            Set<String> entries = null;
            if (!k.entries().contains("*")) {
                entries = new HashSet<>();
                for (int j = 0; j < k.entries().size(); j++) {
                    String name = k.entries().get(j);
                    String bare = name.startsWith("@") ? name.substring(1) : name;
                    var entry = catalog.find(bare);
                    if (entry.isPresent()) {
                        entries.add(entry.get().slug());
                    } else {
                        problems.add(at + ".entries[" + j + "]: no catalog entry named '" + bare + "'");
                    }
                }
            }
            keys.add(new GatewayKey(k.name(), HexFormat.of().parseHex(k.sha256()), entries,
                    k.models() == null ? ModelNames.ANY : new ModelNames(k.models()), Boolean.TRUE.equals(k.directProviders()),
                    Limits.of(k.limits()), k.metadata(), Boolean.TRUE.equals(k.admin()),
                    k.guardrails() == null ? Hooks.NONE : k.guardrails()));
        }
        return new GatewayKeys(keys);
    }
}
