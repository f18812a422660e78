package io.gatehouse.access;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The access configuration in force: one immutable {@link AccessConfig} snapshot, read at start (a bad one
 * stops the start) and replaced whole by {@link #reload()}.
 */
public final class LiveAccessConfig implements Supplier<AccessConfig> {
    private static final Logger LOG = Logger.getLogger(LiveAccessConfig.class.getName());

    /** Reads that found the files changing under them before one is taken as it is. */
    private static final int STEADY_READ_ATTEMPTS = 5;

    private final AccessConfigLoader loader;
    private final AtomicReference<Steady> current;

    /** A snapshot and the fingerprint of exactly the file contents it was read from. */
    private record Steady(AccessConfig config, Map<Path, String> fingerprint) {
    }

    private LiveAccessConfig(AccessConfigLoader loader, Steady first) {
        this.loader = loader;
        this.current = new AtomicReference<>(first);
    }

    /** @throws InvalidServerConfigException when the files cannot be used */
    public static LiveAccessConfig load(AccessConfigLoader loader) {
        Steady first = readSteady(loader, AccessConfig.EMPTY);
        warnWhenOpen(first.config());
        return new LiveAccessConfig(loader, first);
    }

    @Override
    public AccessConfig get() {
        return current.get().config();
    }

    /** The content hashes of the files the snapshot in force was read from: a change to any is a change to apply. */
    Map<Path, String> fingerprint() {
        return current.get().fingerprint();
    }

    AccessConfigLoader loader() {
        return loader;
    }

    /** Reads the files again and puts them in force; when they cannot be used, the previous snapshot stays. */
    public boolean reload() {
        try {
            Steady next = readSteady(loader, get());
            current.set(next);
            LOG.info(() -> "server-config reloaded: " + describe(next.config()));
            warnWhenOpen(next.config());
            return true;
        } catch (InvalidServerConfigException e) {
            LOG.severe(() -> "server-config change refused, the previous configuration stays in force: " + e.getMessage());
            return false;
        }
    }

    /**
     * The files read at one moment: the three files (and the secret files) are read one after another, so
     * each read is confirmed by hashing every file before and after it; a file that changed in between is
     * read again with the others, so a snapshot never mixes two versions and the change is never lost.
     */
    private static Steady readSteady(AccessConfigLoader loader, AccessConfig previous) {
        Set<Path> watched = new TreeSet<>(previous.files());
        AccessConfigLoader.FILES.forEach(f -> watched.add(loader.dir().resolve(f)));
        for (int attempt = 1; ; attempt++) {
            Map<Path, String> before = WatchServerConfig.fingerprint(watched);
            AccessConfig config = loader.load(previous);
            Map<Path, String> after = WatchServerConfig.fingerprint(config.files());
            if (watched.containsAll(config.files()) && before.keySet().stream().filter(after::containsKey)
                    .allMatch(f -> before.get(f).equals(after.get(f))) || attempt == STEADY_READ_ATTEMPTS) {
                return new Steady(config, after);
            }
            watched.addAll(config.files());
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
