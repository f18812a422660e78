package io.gatehouse.access;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The access configuration in force: one immutable {@link AccessConfig} snapshot, read at start (a bad one
 * stops the start) and replaced whole by {@link #reload()}.
 */
public final class LiveAccessConfig implements Supplier<AccessConfig> {
    private static final Logger LOG = Logger.getLogger(LiveAccessConfig.class.getName());

    private final AccessConfigLoader loader;
    private final AtomicReference<AccessConfig> current;

    private LiveAccessConfig(AccessConfigLoader loader, AccessConfig first) {
        this.loader = loader;
        this.current = new AtomicReference<>(first);
    }

    /** @throws InvalidServerConfigException when the files cannot be used */
    public static LiveAccessConfig load(AccessConfigLoader loader) {
        AccessConfig first = loader.load();
        warnWhenOpen(first);
        return new LiveAccessConfig(loader, first);
    }

    @Override
    public AccessConfig get() {
        return current.get();
    }

    AccessConfigLoader loader() {
        return loader;
    }

    /** Reads the files again and puts them in force; when they cannot be used, the previous snapshot stays. */
    public boolean reload() {
        try {
            AccessConfig next = loader.load();
            current.set(next);
            LOG.info(() -> "server-config reloaded: " + describe(next));
            warnWhenOpen(next);
            return true;
        } catch (InvalidServerConfigException e) {
            LOG.severe(() -> "server-config change refused, the previous configuration stays in force: " + e.getMessage());
            return false;
        }
    }

    public static String describe(AccessConfig config) {
        return config.catalog().entries().size() + " catalog entries, "
                + (config.keys().open() ? "no gateway keys (open)" : config.keys().all().size() + " gateway keys")
                + ", " + config.pricing().size() + " model prices";
    }

    private static void warnWhenOpen(AccessConfig config) {
        if (config.keys().open()) {
            LOG.warning("""
                    *** No gateway API keys are configured (gateway-keys.json): this gateway is OPEN. ***
                    *** Anyone who can reach it may use every catalog entry and its provider keys.   ***
                    *** Add keys to gateway-keys.json before exposing it beyond a trusted network.   ***""");
        }
    }
}
