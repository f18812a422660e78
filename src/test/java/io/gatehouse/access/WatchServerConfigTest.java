package io.gatehouse.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.egress.HostPolicy;
import io.gatehouse.provider.ProviderRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload: a valid change replaces the whole snapshot; an invalid one is refused and the old one stays. */
class WatchServerConfigTest {
    @TempDir
    Path dir;

    private LiveAccessConfig live;
    private WatchServerConfig watch;

    private static final String KEY_A = "{\"keys\":[{\"name\":\"a\",\"sha256\":\"" + GatewayKeys.sha256Hex("gh-a") + "\",\"entries\":[\"*\"]}]}";
    private static final String KEY_B = "{\"keys\":[{\"name\":\"b\",\"sha256\":\"" + GatewayKeys.sha256Hex("gh-b") + "\",\"entries\":[\"*\"]}]}";

    @BeforeEach
    void start() throws IOException {
        Files.writeString(dir.resolve("catalog.json"), "{\"entries\":[{\"slug\":\"e\",\"provider\":\"openai\",\"keys\":[{\"file\":\"k\"}]}]}");
        Files.writeString(dir.resolve("k"), "sk-1");
        Files.writeString(dir.resolve("gateway-keys.json"), KEY_A);
        live = LiveAccessConfig.load(new AccessConfigLoader(dir, ProviderRegistry.defaults(), HostPolicy.selfHostedDefault(),
                n -> null, () -> 0L));
        watch = WatchServerConfig.start(live, Duration.ofHours(1)); // checked by hand below
    }

    @AfterEach
    void stop() {
        watch.close();
    }

    @Test
    void nothingChangedNothingReloaded() {
        AccessConfig before = live.get();
        watch.check();
        assertSame(before, live.get());
    }

    @Test
    void aChangedKeyFileIsPutInForce() throws IOException {
        Files.writeString(dir.resolve("gateway-keys.json"), KEY_B);
        watch.check();
        assertTrue(live.get().keys().find("gh-b").isPresent());
        assertTrue(live.get().keys().find("gh-a").isEmpty());
    }

    @Test
    void aChangedSecretFileIsPutInForce() throws IOException {
        Files.writeString(dir.resolve("k"), "sk-2");
        watch.check();
        assertEquals("sk-2", live.get().catalog().find("e").orElseThrow().keys().next().secret());
    }

    @Test
    void anInvalidChangeIsRefusedAndTheSnapshotInForceStays() throws IOException {
        AccessConfig before = live.get();
        Files.writeString(dir.resolve("catalog.json"), "{\"entries\": [");
        watch.check();
        watch.check();
        assertSame(before, live.get());

        Files.writeString(dir.resolve("gateway-keys.json"), KEY_B); // still refused: the catalog is broken
        watch.check();
        assertSame(before, live.get());

        Files.writeString(dir.resolve("catalog.json"), "{\"entries\":[{\"slug\":\"f\",\"provider\":\"groq\"}]}");
        watch.check();
        assertTrue(live.get().catalog().find("f").isPresent());
        assertTrue(live.get().keys().find("gh-b").isPresent());
    }

    @Test
    void aDeletedKeyFileKeepsTheKeysInForce() throws IOException {
        AccessConfig before = live.get();
        Files.delete(dir.resolve("gateway-keys.json"));
        watch.check();
        watch.check();
        assertSame(before, live.get(), "a missing key file never opens a gateway that had keys (issue 14 item 3)");
        assertTrue(live.get().keys().find("gh-a").isPresent());
    }

    @Test
    void anUnreadableKeyFileKeepsTheKeysInForce() throws IOException {
        AccessConfig before = live.get();
        Files.delete(dir.resolve("gateway-keys.json"));
        Files.createDirectory(dir.resolve("gateway-keys.json"));
        watch.check();
        assertSame(before, live.get());
    }

    @Test
    void onlyAnExplicitEmptyKeyListOpensTheGateway() throws IOException {
        Files.writeString(dir.resolve("gateway-keys.json"), "{\"keys\": []}");
        watch.check();
        assertTrue(live.get().keys().open());
    }

    @Test
    void aChangeWrittenWhileTheFilesAreReadIsPutInForce() throws IOException {
        watch.close();
        Files.writeString(dir.resolve("catalog.json"), "{\"entries\":[{\"slug\":\"e\",\"provider\":\"openai\",\"keys\":[{\"env\":\"K\"}]}]}");
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        // The catalog's key is read after the key file: the key file changes between the two on the second load.
        LiveAccessConfig racing = LiveAccessConfig.load(new AccessConfigLoader(dir, ProviderRegistry.defaults(),
                HostPolicy.selfHostedDefault(), name -> {
                    if (reads.incrementAndGet() == 2) {
                        write(dir.resolve("gateway-keys.json"), KEY_B);
                    }
                    return "sk-env";
                }, () -> 0L));
        watch = WatchServerConfig.start(racing, Duration.ofHours(1));
        Files.writeString(dir.resolve("pricing.json"), "{\"providers\": {}}");
        watch.check();
        watch.check();
        assertTrue(racing.get().keys().find("gh-b").isPresent(), "the key file written during the read is in force");
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
