package io.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class GatewaySettingsProxyTest {
    @Test
    void replayMemoryDefaultsToOneMebibyteAndCanBeChanged() throws Exception {
        assertEquals(1 << 20, GatewaySettings.from(Path.of("."), new Properties()).proxyReplayMemoryBytes());
        Properties p = new Properties();
        p.setProperty("proxy.replay-memory-bytes", "8388608");
        assertEquals(8 << 20, GatewaySettings.from(Path.of("."), p).proxyReplayMemoryBytes());
        assertEquals(1 << 20, GatewaySettings.load(Path.of("server-config")).proxyReplayMemoryBytes(),
                "the shipped file states the default");
    }

    @Test
    void replayMemoryMustBeAPositiveSizeBelowTwoGibibytes() {
        for (String bad : new String[] {"0", "-1", "1MB", "4294967296"}) {
            Properties p = new Properties();
            p.setProperty("proxy.replay-memory-bytes", bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GatewaySettings.from(Path.of("."), p), bad);
            assertTrue(e.getMessage().contains("proxy.replay-memory-bytes"), e.getMessage());
        }
    }
}
