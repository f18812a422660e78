package io.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestLogSettingsTest {
    private static final Path DIR = Path.of("/etc/gatehouse");

    @Test
    void withoutSettingsTheLogIsOnInH2UnderGatehouseData() {
        assertEquals(RequestLogSettings.DEFAULTS, GatewaySettings.from(DIR, new Properties()).requestLog());
        assertEquals(Path.of("gatehouse-data"), RequestLogSettings.DEFAULTS.dataDir());
    }

    @Test
    void everySettingIsRead() {
        Properties p = new Properties();
        p.setProperty("logs.enabled", "false");
        p.setProperty("logs.data-dir", "/var/lib/gatehouse");
        p.setProperty("logs.jndi-name", " jdbc/gatehouse-logs ");
        p.setProperty("logs.queue-capacity", "50");
        p.setProperty("logs.batch-size", "5");
        p.setProperty("logs.retention-days", "7");
        p.setProperty("logs.retention-max-rows", "1000");
        p.setProperty("logs.json-lines", "false");
        p.setProperty("admin.allow-remote-when-open", "true");

        assertEquals(new RequestLogSettings(false, Path.of("/var/lib/gatehouse"), "jdbc/gatehouse-logs", 50, 5,
                Duration.ofDays(7), 1000, false, true), GatewaySettings.from(DIR, p).requestLog());
    }

    @ParameterizedTest
    @CsvSource({"logs.enabled,yes", "logs.queue-capacity,0", "logs.batch-size,-1", "logs.retention-days,forever",
            "admin.allow-remote-when-open,1"})
    void aBadValueIsNamed(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GatewaySettings.from(DIR, p));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
