package io.gatehouse.config;

import io.gatehouse.egress.HostPolicy;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The gateway's own settings, read once at start from {@code gatehouse.properties} in the configuration
 * directory. Every key is optional; the defaults are what {@code server-config/} ships.
 *
 * @param configDir              where the settings came from (saved configs and catalog live beside them)
 * @param connectTimeout         time to open an upstream connection
 * @param readTimeout            longest silence from an upstream (before headers, or between body bytes)
 * @param maxConnections         upstream connection pool, total
 * @param maxConnectionsPerHost  upstream connection pool, per host
 * @param maxRequestBodyBytes    largest body accepted; a unified route, which holds and copies its JSON body,
 *                               accepts at most {@link #unifiedBodyBytes()}
 * @param proxyReplayMemoryBytes proxied body bytes kept in memory for a retry; beyond, a temp file
 * @param proxyReplayTempMaxBytes temp-file space all proxied bodies' replay copies share
 * @param maxCallsInFlight       calls held at once; beyond, a new call is refused with 503 rather than
 *                               let the heap run out under every call
 * @param hostPolicy             which upstream hosts may be reached
 * @param retryTuning            backoff, Retry-After limits and the retry budget
 * @param reloadInterval         how often the catalog, gateway keys and pricing files are checked for changes
 * @param responseStore          the Responses API store's bounds
 * @param responseCache          the response cache's bounds
 * @param requestLog             the request log: its store, queue, retention and the admin API's reach
 */
public record GatewaySettings(
        Path configDir,
        Duration connectTimeout,
        Duration readTimeout,
        int maxConnections,
        int maxConnectionsPerHost,
        long maxRequestBodyBytes,
        int proxyReplayMemoryBytes,
        long proxyReplayTempMaxBytes,
        int maxCallsInFlight,
        HostPolicy hostPolicy,
        RetryTuning retryTuning,
        Duration reloadInterval,
        ResponseStoreSettings responseStore,
        ResponseCacheSettings responseCache,
        RequestLogSettings requestLog) {

    public static final String FILE_NAME = "gatehouse.properties";
    public static final String DIR_PROPERTY = "gatehouse.config";
    public static final String DIR_ENV = "GATEHOUSE_CONFIG";

    /** The configuration directory: system property, then environment, then {@code server-config/}. */
    public static Path locateConfigDir() {
        return locateConfigDir(null);
    }

    /**
     * The configuration directory: the deployment's own (the web application's {@code gatehouse.config}
     * context parameter, so one server can run deployments with different configurations), then the system
     * property, then the environment, then {@code server-config/}.
     */
    public static Path locateConfigDir(String deploymentSetting) {
        String dir = deploymentSetting;
        if (dir == null || dir.isBlank()) {
            dir = System.getProperty(DIR_PROPERTY);
        }
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(DIR_ENV);
        }
        return Path.of(dir == null || dir.isBlank() ? "server-config" : dir).toAbsolutePath().normalize();
    }

    public static GatewaySettings load(Path configDir) throws IOException {
        return from(configDir, properties(configDir));
    }

    /** The directory's {@code gatehouse.properties} (empty when there is none), with the {@code -Dgatehouse.*} overrides. */
    static Properties properties(Path configDir) throws IOException {
        Properties p = new Properties();
        Path file = configDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return withOverrides(p, System.getProperties());
    }

    /** Prefix of a JVM system property that replaces one key of the file ({@code -Dgatehouse.custom-host.private-hosts=…}). */
    public static final String OVERRIDE_PREFIX = "gatehouse.";

    /** The file's keys, each replaced by a {@code -Dgatehouse.<key>} system property when one is set. */
    static Properties withOverrides(Properties file, Properties system) {
        Properties merged = new Properties();
        merged.putAll(file);
        for (String name : system.stringPropertyNames()) {
            if (name.startsWith(OVERRIDE_PREFIX) && !name.equals(DIR_PROPERTY)) {
                merged.setProperty(name.substring(OVERRIDE_PREFIX.length()), system.getProperty(name));
            }
        }
        return merged;
    }

    static GatewaySettings from(Path configDir, Properties p) {
        return new GatewaySettings(
                configDir,
                Duration.ofMillis(positiveInt(p, "upstream.connect-timeout-ms", 10_000)),
                Duration.ofMillis(positiveInt(p, "upstream.read-timeout-ms", 600_000)),
                positiveInt(p, "upstream.max-connections", 20_000),
                positiveInt(p, "upstream.max-connections-per-host", 20_000),
                positiveLong(p, "request.max-body-bytes", 50L * 1024 * 1024),
                positiveInt(p, "proxy.replay-memory-bytes", 1024 * 1024),
                positiveLong(p, "proxy.replay-temp-max-bytes", 1L << 30),
                positiveInt(p, "calls.max-in-flight", callsTheHeapHolds(Runtime.getRuntime().maxMemory())),
                hostPolicy(p),
                retryTuning(p),
                Duration.ofMillis(positiveLong(p, "server-config.reload-interval-ms", 2000)),
                responseStore(p),
                responseCache(p),
                requestLog(p));
    }

    private static ResponseCacheSettings responseCache(Properties p) {
        ResponseCacheSettings d = ResponseCacheSettings.DEFAULTS;
        double similarity = fraction(p, "cache.similarity", d.similarity());
        return new ResponseCacheSettings(
                bool(p, "cache.enabled", d.enabled()),
                positiveInt(p, "cache.max-entries", d.maxEntries()),
                positiveLong(p, "cache.max-bytes", d.maxBytes()),
                positiveInt(p, "cache.max-entry-bytes", d.maxEntryBytes()),
                Duration.ofSeconds(positiveLong(p, "cache.default-max-age-seconds", d.defaultMaxAge().toSeconds())),
                Duration.ofSeconds(positiveLong(p, "cache.max-age-cap-seconds", d.maxAgeCap().toSeconds())),
                similarity,
                positiveInt(p, "cache.semantic.max-prompts-per-tenant", d.semanticPerTenant()),
                positiveInt(p, "cache.semantic.max-tenants", d.semanticTenants()));
    }

    /** A number in (0, 1]. */
    private static double fraction(Properties p, String key, double fallback) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(v.strip());
            if (parsed > 0 && parsed <= 1) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(FILE_NAME + ": " + key + " must be a number above 0 and at most 1, not '" + v + "'");
    }

    /**
     * {@code custom-host.allow-private-networks}: {@code with-gateway-keys} (the default: operator hosts and
     * callers with a gateway key, not the clients of an open gateway), {@code true} (everyone) or {@code false}.
     */
    private static HostPolicy hostPolicy(Properties p) {
        String key = "custom-host.allow-private-networks";
        String privateNetworks = p.getProperty(key, "").strip().toLowerCase(java.util.Locale.ROOT);
        boolean forOpenGateway = switch (privateNetworks) {
            case "", "with-gateway-keys" -> false;
            default -> bool(p, key, false);
        };
        return new HostPolicy(
                bool(p, "custom-host.refuse-metadata", true),
                privateNetworks.isEmpty() || privateNetworks.equals("with-gateway-keys") || bool(p, key, true),
                list(p, "custom-host.allowed-hosts"),
                list(p, "custom-host.denied-hosts"),
                forOpenGateway,
                list(p, "custom-host.private-hosts"));
    }

    private static RequestLogSettings requestLog(Properties p) {
        RequestLogSettings d = RequestLogSettings.DEFAULTS;
        String jndi = p.getProperty("logs.jndi-name", "").strip();
        return new RequestLogSettings(
                bool(p, "logs.enabled", d.enabled()),
                Path.of(p.getProperty("logs.data-dir", "").isBlank() ? d.dataDir().toString() : p.getProperty("logs.data-dir").strip()),
                jndi.isEmpty() ? null : jndi,
                positiveInt(p, "logs.queue-capacity", d.queueCapacity()),
                positiveInt(p, "logs.batch-size", d.batchSize()),
                Duration.ofDays(positiveLong(p, "logs.retention-days", d.maxAge().toDays())),
                positiveLong(p, "logs.retention-max-rows", d.maxRows()),
                bool(p, "logs.json-lines", d.jsonLines()),
                bool(p, "admin.allow-remote-when-open", d.adminRemote()));
    }

    private static ResponseStoreSettings responseStore(Properties p) {
        ResponseStoreSettings d = ResponseStoreSettings.DEFAULTS;
        int maxEntries = positiveInt(p, "responses.store.max-entries", d.maxEntries());
        return new ResponseStoreSettings(
                maxEntries,
                Duration.ofMinutes(positiveLong(p, "responses.store.ttl-minutes", d.ttl().toMinutes())),
                positiveInt(p, "responses.store.max-entry-bytes", d.maxEntryBytes()),
                Math.min(maxEntries, positiveInt(p, "responses.store.max-entries-per-key", Math.max(1, maxEntries / 4))));
    }

    private static RetryTuning retryTuning(Properties p) {
        RetryTuning d = RetryTuning.DEFAULTS;
        return new RetryTuning(
                Duration.ofMillis(positiveLong(p, "retry.backoff-base-ms", d.backoffBase().toMillis())),
                Duration.ofMillis(positiveLong(p, "retry.backoff-cap-ms", d.backoffCap().toMillis())),
                Duration.ofMillis(positiveLong(p, "retry.max-retry-after-ms", d.maxRetryAfter().toMillis())),
                Duration.ofMillis(positiveLong(p, "retry.max-wait-per-request-ms", d.maxWaitPerRequest().toMillis())),
                (int) Math.min(100, positiveLong(p, "retry.budget-percent", d.budgetPercent())),
                (int) positiveLong(p, "retry.budget-min-per-second", d.budgetMinPerSecond()));
    }

    static long positiveLong(Properties p, String key, long fallback) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(v.strip());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(FILE_NAME + ": " + key + " must be a positive whole number, not '" + v + "'");
    }

    /** The largest JSON body a unified route reads: {@code request.max-body-bytes}, at most a share of the heap. */
    public long unifiedBodyBytes() {
        return Math.min(maxRequestBodyBytes, MemoryLimits.OF_THIS_HEAP.requestBodyBytes());
    }

    /** Heap the gateway needs besides its calls: the container, caches, the catalog. */
    static final long HEAP_BESIDES_CALLS = 160L << 20;
    /**
     * Heap one call in flight holds, its upstream connection included (stack, buffers, connections): about
     * 77 KiB while it streams plus 27 KiB for its pooled connection, measured at 3,700 streams in flight.
     */
    static final long HEAP_PER_CALL = 104L << 10;

    /** The default bound on calls in flight: what the heap holds beside everything else, at least 256. */
    static int callsTheHeapHolds(long maxHeapBytes) {
        return (int) Math.max(256, Math.min(1_000_000, (maxHeapBytes - HEAP_BESIDES_CALLS) / HEAP_PER_CALL));
    }

    /** Pool sizes and timeouts in ms: the HTTP client holds them as an int, so larger values would wrap. */
    private static int positiveInt(Properties p, String key, int fallback) {
        long value = positiveLong(p, key, fallback);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(FILE_NAME + ": " + key + " must be at most " + Integer.MAX_VALUE
                    + ", not '" + p.getProperty(key) + "'");
        }
        return (int) value;
    }

    private static boolean bool(Properties p, String key, boolean fallback) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(FILE_NAME + ": " + key + " must be true or false, not '" + v + "'");
        };
    }

    private static List<String> list(Properties p, String key) {
        String v = p.getProperty(key, "");
        return Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
