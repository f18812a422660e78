package io.gatehouse.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hot reload: every few seconds, the files the access configuration in force was read from (catalog, keys,
 * pricing, and the catalog's secret files) are fingerprinted by content; when one changed, all are read
 * again and, if valid, put in force as one new snapshot. An invalid change is logged once and refused;
 * the previous snapshot stays until the files are fixed. Content hashes (not modification times) make the
 * check independent of file-system time resolution; the files are small.
 */
public final class WatchServerConfig implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WatchServerConfig.class.getName());

    private final LiveAccessConfig live;
    private final ScheduledExecutorService timer;
    /** The fingerprint last acted on: the snapshot in force, or a refused change (not retried until it changes). */
    private Map<Path, String> seen;

    private WatchServerConfig(LiveAccessConfig live) {
        this.live = live;
        this.seen = live.fingerprint();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatehouse-server-config-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts watching at {@code interval}. */
    public static WatchServerConfig start(LiveAccessConfig live, Duration interval) {
        WatchServerConfig watch = new WatchServerConfig(live);
        watch.timer.scheduleWithFixedDelay(watch::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** One check: reloads when a watched file changed since the last check. */
    synchronized void check() {
        try {
            Map<Path, String> now = fingerprint(live.get().files());
            if (now.equals(seen)) {
                return;
            }
            seen = now;
            if (live.reload()) {
                // What the new snapshot was read from (a changed catalog may name other secret files): a change
                // written after that read differs from it, so the next check applies it.
                seen = live.fingerprint();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "server-config check failed; the configuration in force is unchanged", e);
        }
    }

    /** Each file's content hash, or {@code absent}. */
    static Map<Path, String> fingerprint(Collection<Path> files) {
        Map<Path, String> prints = new TreeMap<>();
        for (Path file : files) {
            prints.put(file, hash(file));
        }
        return prints;
    }

    private static String hash(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return "absent";
        } catch (IOException e) {
            return "unreadable: " + e.getClass().getSimpleName();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
