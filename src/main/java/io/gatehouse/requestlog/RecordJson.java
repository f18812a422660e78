package io.gatehouse.requestlog;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.math.BigDecimal;

/** A request record as the admin API and the JSON lines on standard output show it. */
public final class RecordJson {
    /** Looked up once: {@code Json.create…} looks the provider up (a service-loader scan) on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();
    private RecordJson() {
    }

    public static JsonObject of(RequestRecord r) {
        JsonObjectBuilder usage = JSON.createObjectBuilder();
        put(usage, "input_tokens", r.inputTokens());
        put(usage, "cached_input_tokens", r.cachedInputTokens());
        put(usage, "output_tokens", r.outputTokens());
        put(usage, "reasoning_tokens", r.reasoningTokens());
        JsonObjectBuilder metadata = JSON.createObjectBuilder();
        r.metadata().forEach(metadata::add);
        JsonObjectBuilder b = JSON.createObjectBuilder()
                .add("trace_id", r.traceId())
                .add("timestamp", r.timestamp().toString())
                .add("key_name", r.keyName())
                .add("metadata", metadata)
                .add("route", text(r.route()))
                .add("client_format", text(r.clientFormat()))
                .add("provider", text(r.provider()))
                .add("entry", text(r.entry()))
                .add("model_requested", text(r.modelRequested()))
                .add("model", text(r.model()))
                .add("status", r.status())
                .add("error_code", text(r.errorCode()))
                .add("stream", r.stream())
                .add("latency_ms", millis(r.latencyMs()));
        put(b, "gateway_ms", r.gatewayMs());
        put(b, "upstream_ms", r.upstreamMs());
        put(b, "first_byte_ms", r.firstByteMs());
        b.add("retries", r.retries())
                .add("target", text(r.target()))
                .add("usage", usage)
                .add("cost_usd", r.costUsd() == null ? JsonValue.NULL : JSON.createValue(r.costUsd()))
                .add("cache_status", text(r.cacheStatus()))
                .add("guardrails", guardrails(r.guardrails()));
        return b.build();
    }

    private static JsonValue text(String value) {
        return value == null ? JsonValue.NULL : JSON.createValue(value);
    }

    private static void put(JsonObjectBuilder b, String name, Long value) {
        b.add(name, value == null ? JsonValue.NULL : JSON.createValue(value));
    }

    private static void put(JsonObjectBuilder b, String name, Double value) {
        b.add(name, value == null ? JsonValue.NULL : JSON.createValue(millis(value)));
    }

    /** Milliseconds to the microsecond. */
    public static BigDecimal millis(double ms) {
        return BigDecimal.valueOf(Math.round(ms * 1000)).movePointLeft(3);
    }

    private static JsonValue guardrails(String json) {
        if (json == null) {
            return JsonValue.NULL;
        }
        try (JsonReader r = JSON.createReader(new StringReader(json))) {
            return r.readValue();
        } catch (JsonParsingException e) {
            return JSON.createValue(json);
        }
    }
}
