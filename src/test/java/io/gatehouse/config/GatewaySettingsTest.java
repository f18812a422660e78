package io.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.egress.HostPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewaySettingsTest {
    private static final Path DIR = Path.of("/etc/gatehouse");

    @Test
    void defaults() {
        GatewaySettings s = GatewaySettings.from(DIR, new Properties());
        assertEquals(DIR, s.configDir());
        assertEquals(Duration.ofSeconds(10), s.connectTimeout());
        assertEquals(Duration.ofMinutes(10), s.readTimeout());
        assertEquals(20_000, s.maxConnections());
        assertEquals(20_000, s.maxConnectionsPerHost());
        assertEquals(50L * 1024 * 1024, s.maxRequestBodyBytes());
        assertEquals(HostPolicy.selfHostedDefault(), s.hostPolicy());
    }

    /** Calls in flight are bounded by what the heap holds, never below 256 (the container's own floor). */
    @Test
    void theDefaultBoundOnCallsInFlightFollowsTheHeap() {
        assertEquals(3465, GatewaySettings.callsTheHeapHolds(512L << 20), "the README's -Xmx512m");
        assertEquals(8507, GatewaySettings.callsTheHeapHolds(1024L << 20));
        assertEquals(256, GatewaySettings.callsTheHeapHolds(128L << 20), "a tiny heap still takes calls");
        assertEquals(GatewaySettings.callsTheHeapHolds(Runtime.getRuntime().maxMemory()),
                GatewaySettings.from(DIR, new Properties()).maxCallsInFlight());
    }

    /** server-config/gatehouse.properties says its values are the defaults: hold it to that. */
    @Test
    void theShippedFileStatesTheDefaults() throws IOException {
        Path shipped = Path.of("server-config").toAbsolutePath();
        assertEquals(GatewaySettings.from(shipped, new Properties()), GatewaySettings.load(shipped));
    }

    @Test
    void aMissingFileMeansDefaults(@TempDir Path dir) throws IOException {
        assertEquals(GatewaySettings.from(dir, new Properties()), GatewaySettings.load(dir));
    }

    @Test
    void everyKeyIsRead(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(GatewaySettings.FILE_NAME), String.join("\n",
                "upstream.connect-timeout-ms = 2500",
                "upstream.read-timeout-ms=  30000 ",
                "upstream.max-connections=64",
                "upstream.max-connections-per-host=8",
                "request.max-body-bytes=10485760",
                "calls.max-in-flight=5000",
                "custom-host.refuse-metadata=FALSE",
                "custom-host.allow-private-networks= false",
                "custom-host.allowed-hosts=llm.example, *.internal.example ,,10.0.0.5",
                "custom-host.denied-hosts=bad.example"), StandardCharsets.UTF_8);
        GatewaySettings s = GatewaySettings.load(dir);
        assertEquals(Duration.ofMillis(2500), s.connectTimeout());
        assertEquals(Duration.ofSeconds(30), s.readTimeout());
        assertEquals(64, s.maxConnections());
        assertEquals(5000, s.maxCallsInFlight());
        assertEquals(8, s.maxConnectionsPerHost());
        assertEquals(10L * 1024 * 1024, s.maxRequestBodyBytes());
        assertEquals(new HostPolicy(false, false, List.of("llm.example", "*.internal.example", "10.0.0.5"), List.of("bad.example")),
                s.hostPolicy());
    }

    @Test
    void privateNetworksAreForKeyedCallersByDefaultAndListedHostsOpenToAll() {
        assertEquals(HostPolicy.selfHostedDefault(), GatewaySettings.from(DIR, new Properties()).hostPolicy());
        Properties p = new Properties();
        p.setProperty("custom-host.allow-private-networks", "with-gateway-keys");
        p.setProperty("custom-host.private-hosts", "127.0.0.1, ollama.internal");
        assertEquals(new HostPolicy(true, true, List.of(), List.of(), false, List.of("127.0.0.1", "ollama.internal")),
                GatewaySettings.from(DIR, p).hostPolicy());
        p.setProperty("custom-host.allow-private-networks", "true");
        assertTrue(GatewaySettings.from(DIR, p).hostPolicy().privateNetworksForOpenGateway());
        p.setProperty("custom-host.allow-private-networks", "false");
        HostPolicy none = GatewaySettings.from(DIR, p).hostPolicy();
        assertTrue(!none.allowPrivateNetworks() && !none.privateNetworksForOpenGateway());
    }

    @Test
    void aSystemPropertyReplacesOneKeyOfTheFile() {
        Properties file = new Properties();
        file.setProperty("custom-host.private-hosts", "10.0.0.1");
        file.setProperty("upstream.max-connections", "64");
        Properties system = new Properties();
        system.setProperty("gatehouse.custom-host.private-hosts", "127.0.0.1");
        system.setProperty("gatehouse.config", "/elsewhere");
        system.setProperty("user.home", "/home/x");
        Properties merged = GatewaySettings.withOverrides(file, system);
        assertEquals("127.0.0.1", merged.getProperty("custom-host.private-hosts"));
        assertEquals("64", merged.getProperty("upstream.max-connections"));
        assertEquals(2, merged.size());
    }

    @Test
    void blankValuesMeanDefaults() {
        Properties p = new Properties();
        p.setProperty("upstream.connect-timeout-ms", " ");
        p.setProperty("custom-host.refuse-metadata", "");
        GatewaySettings s = GatewaySettings.from(DIR, p);
        assertEquals(Duration.ofSeconds(10), s.connectTimeout());
        assertTrue(s.hostPolicy().refuseMetadata());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "upstream.connect-timeout-ms|abc",
            "upstream.connect-timeout-ms|0",
            "upstream.read-timeout-ms|-5",
            "upstream.read-timeout-ms|1.5",
            "upstream.read-timeout-ms|3000000000",
            "upstream.max-connections|10k",
            "upstream.max-connections|3000000000",
            "upstream.max-connections-per-host|0",
            "request.max-body-bytes|50MB",
            "request.max-body-bytes|99999999999999999999",
            "custom-host.refuse-metadata|yes",
            "custom-host.allow-private-networks|1"})
    void invalidValuesNameTheKey(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GatewaySettings.from(DIR, p));
        assertTrue(e.getMessage().contains(key), e.getMessage());
        assertTrue(e.getMessage().contains(GatewaySettings.FILE_NAME), e.getMessage());
        assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
    }

    @Test
    void configDirFromTheSystemProperty() {
        String before = System.getProperty(GatewaySettings.DIR_PROPERTY);
        try {
            System.setProperty(GatewaySettings.DIR_PROPERTY, "/opt/gatehouse/conf/../conf");
            assertEquals(Path.of("/opt/gatehouse/conf"), GatewaySettings.locateConfigDir());
        } finally {
            if (before == null) {
                System.clearProperty(GatewaySettings.DIR_PROPERTY);
            } else {
                System.setProperty(GatewaySettings.DIR_PROPERTY, before);
            }
        }
    }
}
