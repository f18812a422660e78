package io.gatehouse.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Metrics and traces settings, from {@code gatehouse.properties} ({@code telemetry.*}), else the standard
 * OpenTelemetry environment variables. Traces are exported only when an OTLP endpoint is configured.
 *
 * @param tracesEndpoint where spans are POSTed (OTLP/HTTP, JSON), or null: no traces, no cost
 * @param otlpHeaders    sent with every export (a collector's auth header); never logged
 * @param serviceName    the {@code service.name} of the spans
 * @param exportInterval how often queued spans are sent
 * @param maxQueuedSpans spans waiting to be sent at most; beyond, new ones are dropped (and counted)
 * @param maxModelLabels distinct model names used as metric label values; later ones count as {@code other}
 */
public record TelemetrySettings(URI tracesEndpoint, Map<String, String> otlpHeaders, String serviceName,
                                Duration exportInterval, int maxQueuedSpans, int maxModelLabels) {

    public TelemetrySettings {
        otlpHeaders = Map.copyOf(otlpHeaders);
    }

    /** No traces; metrics with the default bounds. */
    public static final TelemetrySettings DEFAULTS = new TelemetrySettings(null, Map.of(), "gatehouse",
            Duration.ofSeconds(5), 2048, 100);

    public static TelemetrySettings load(Path configDir, UnaryOperator<String> env) throws IOException {
        return from(GatewaySettings.properties(configDir), env);
    }

    static TelemetrySettings from(Properties p, UnaryOperator<String> env) {
        TelemetrySettings d = DEFAULTS;
        return new TelemetrySettings(
                tracesEndpoint(p, env),
                headers(first(p.getProperty("telemetry.otlp.headers"), env.apply("OTEL_EXPORTER_OTLP_TRACES_HEADERS"),
                        env.apply("OTEL_EXPORTER_OTLP_HEADERS"))),
                orElse(first(p.getProperty("telemetry.service-name"), env.apply("OTEL_SERVICE_NAME")), d.serviceName()),
                Duration.ofMillis(GatewaySettings.positiveLong(p, "telemetry.otlp.export-interval-ms",
                        d.exportInterval().toMillis())),
                (int) Math.min(1 << 20, GatewaySettings.positiveLong(p, "telemetry.otlp.max-queued-spans", d.maxQueuedSpans())),
                (int) Math.min(10_000, GatewaySettings.positiveLong(p, "metrics.max-model-labels", d.maxModelLabels())));
    }

    /**
     * {@code telemetry.otlp.endpoint} (a base URL), else {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT} (used as
     * is), else {@code OTEL_EXPORTER_OTLP_ENDPOINT} (a base URL); a base gets {@code /v1/traces} appended.
     * {@code OTEL_SDK_DISABLED=true} or {@code OTEL_TRACES_EXPORTER=none} turn the environment's off.
     */
    private static URI tracesEndpoint(Properties p, UnaryOperator<String> env) {
        String base = blankToNull(p.getProperty("telemetry.otlp.endpoint"));
        if (base != null) {
            return uri("telemetry.otlp.endpoint", base, withTracesPath(base));
        }
        if ("true".equalsIgnoreCase(strip(env.apply("OTEL_SDK_DISABLED")))
                || "none".equalsIgnoreCase(strip(env.apply("OTEL_TRACES_EXPORTER")))) {
            return null;
        }
        String traces = blankToNull(env.apply("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
        if (traces != null) {
            return uri("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces, traces);
        }
        String envBase = blankToNull(env.apply("OTEL_EXPORTER_OTLP_ENDPOINT"));
        return envBase == null ? null : uri("OTEL_EXPORTER_OTLP_ENDPOINT", envBase, withTracesPath(envBase));
    }

    private static String withTracesPath(String base) {
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
    }

    /** @param configured what the operator wrote, for the error message */
    private static URI uri(String key, String configured, String value) {
        try {
            URI uri = URI.create(value.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be an http(s) URL, not '" + configured + "'");
    }

    /** {@code key=value,key2=value2}, values URL-encoded as the OpenTelemetry specification has them. */
    static Map<String, String> headers(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (text == null) {
            return headers;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                headers.put(pair.substring(0, eq).strip(),
                        java.net.URLDecoder.decode(pair.substring(eq + 1).strip(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (blankToNull(v) != null) {
                return v.strip();
            }
        }
        return null;
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String strip(String v) {
        return v == null ? null : v.strip();
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }

    @Override
    public String toString() {
        return "TelemetrySettings[tracesEndpoint=" + tracesEndpoint + ", otlpHeaders=" + otlpHeaders.keySet()
                + ", serviceName=" + serviceName + ", exportInterval=" + exportInterval + ", maxQueuedSpans="
                + maxQueuedSpans + ", maxModelLabels=" + maxModelLabels + "]";
    }
}
