package io.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TelemetrySettingsTest {
    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void nothingConfiguredMeansNoTraces() {
        assertEquals(TelemetrySettings.DEFAULTS, TelemetrySettings.from(new Properties(), name -> null));
    }

    @Test
    void theShippedFileConfiguresNoTraces() throws Exception {
        assertNull(TelemetrySettings.load(Path.of("server-config"), name -> null).tracesEndpoint());
    }

    @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
    @CsvSource(nullValues = "-", value = {
        "http://collector:4318, -, -, http://collector:4318/v1/traces",
        "http://collector:4318/, http://env:4318, -, http://collector:4318/v1/traces",
        "-, http://env:4318, -, http://env:4318/v1/traces",
        "-, http://env:4318, http://traces:9999/custom, http://traces:9999/custom",
    })
    void theEndpointComesFromTheFileElseTheStandardEnvironment(String property, String base, String traces, String expected) {
        Map<String, String> env = new java.util.HashMap<>();
        if (base != null) {
            env.put("OTEL_EXPORTER_OTLP_ENDPOINT", base);
        }
        if (traces != null) {
            env.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces);
        }
        Properties p = property == null ? new Properties() : props("telemetry.otlp.endpoint", property);

        assertEquals(URI.create(expected), TelemetrySettings.from(p, env::get).tracesEndpoint());
    }

    @Test
    void theEnvironmentCanTurnItsTracesOff() {
        Map<String, String> env = Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://env:4318", "OTEL_TRACES_EXPORTER", "none");

        assertNull(TelemetrySettings.from(new Properties(), env::get).tracesEndpoint());
    }

    @Test
    void everySettingIsRead() {
        TelemetrySettings s = TelemetrySettings.from(props("telemetry.otlp.endpoint", "https://otel.example",
                "telemetry.otlp.headers", "x-api-key=abc%3D, x-team = blue", "telemetry.service-name", "gw-eu",
                "telemetry.otlp.export-interval-ms", "250", "telemetry.otlp.max-queued-spans", "10",
                "metrics.max-model-labels", "7"), Map.of("OTEL_SERVICE_NAME", "ignored")::get);

        assertEquals(new TelemetrySettings(URI.create("https://otel.example/v1/traces"),
                Map.of("x-api-key", "abc=", "x-team", "blue"), "gw-eu", Duration.ofMillis(250), 10, 7), s);
        assertFalse(s.toString().contains("abc"), "header values are secrets: " + s);
    }

    @Test
    void aBadEndpointFailsTheStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TelemetrySettings.from(props("telemetry.otlp.endpoint", "collector:4318"), name -> null));
        assertEquals("telemetry.otlp.endpoint must be an http(s) URL, not 'collector:4318'", e.getMessage());
    }
}
