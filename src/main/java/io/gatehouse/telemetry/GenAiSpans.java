package io.gatehouse.telemetry;

import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A request as OpenTelemetry spans in OTLP/JSON, named and attributed after the GenAI semantic conventions:
 * a server span for the request ({@code chat gpt-4o}) and a client span per attempt under it. A client's
 * {@code traceparent} makes the request span its child; an unsampled one means no spans at all.
 */
final class GenAiSpans {
    private static final JsonProvider JSON = JsonProvider.provider();
    static final int KIND_SERVER = 2;
    static final int KIND_CLIENT = 3;
    static final int STATUS_ERROR = 2;

    private GenAiSpans() {
    }

    /** The request's spans, request first; none when the client's trace is not sampled. */
    static List<JsonObject> of(RequestRecord r, long endEpochNanos) {
        TraceParent parent = r.parent();
        if (parent != null && !parent.sampled()) {
            return List.of();
        }
        String traceId = parent != null ? parent.traceId() : randomHex(16);
        String requestSpan = randomHex(8);
        List<JsonObject> spans = new ArrayList<>(1 + r.attempts().size());
        Attributes request = new Attributes()
                .put("gen_ai.operation.name", r.operation())
                .put("gen_ai.provider.name", r.provider())
                .put("gen_ai.request.model", r.requestModel())
                .put("gen_ai.response.model", r.responseModel())
                .put("http.route", r.route())
                .put("http.response.status_code", r.status())
                .put("portkey.trace_id", r.traceId())
                .put("gatehouse.stream", r.stream())
                .put("gatehouse.retries", r.retries())
                .put("gatehouse.fallbacks", r.fallbacks())
                .put("gatehouse.cache_status", r.cacheStatus());
        RequestRecord.Tokens tokens = r.tokens();
        if (tokens != null) {
            request.put("gen_ai.usage.input_tokens", tokens.input()).put("gen_ai.usage.output_tokens", tokens.output());
        }
        if (!r.attempts().isEmpty()) {
            request.put("server.address", r.attempts().get(r.attempts().size() - 1).serverAddress());
        }
        String error = errorType(r.errorType(), r.status());
        request.put("error.type", error);
        spans.add(span(traceId, requestSpan, parent == null ? null : parent.spanId(), name(r.operation(), r.requestModel()),
                KIND_SERVER, r.startEpochNanos(), endEpochNanos, request, error));
        for (AttemptRecord a : r.attempts()) {
            String attemptError = errorType(a.errorType(), a.status());
            Attributes attributes = new Attributes()
                    .put("gen_ai.operation.name", r.operation())
                    .put("gen_ai.provider.name", a.provider())
                    .put("gen_ai.request.model", a.model())
                    .put("server.address", a.serverAddress())
                    .put("http.response.status_code", a.status() == 0 ? null : a.status())
                    .put("gatehouse.target", a.optionPath())
                    .put("error.type", attemptError);
            spans.add(span(traceId, randomHex(8), requestSpan, name(r.operation(), a.model()), KIND_CLIENT,
                    a.startEpochNanos(), a.startEpochNanos() + a.durationNanos(), attributes, attemptError));
        }
        return spans;
    }

    /** The GenAI span name: the operation, then the model when known. */
    static String name(String operation, String model) {
        return model == null ? operation : operation + " " + model;
    }

    /** The gateway's error code, else the status of an answer that is an error, else null. */
    static String errorType(String code, int status) {
        if (code != null) {
            return code;
        }
        return status >= 400 ? Integer.toString(status) : null;
    }

    private static JsonObject span(String traceId, String spanId, String parentSpanId, String name, int kind,
                                   long start, long end, Attributes attributes, String error) {
        JsonObjectBuilder span = JSON.createObjectBuilder()
                .add("traceId", traceId)
                .add("spanId", spanId);
        if (parentSpanId != null) {
            span.add("parentSpanId", parentSpanId);
        }
        span.add("name", name)
                .add("kind", kind)
                .add("startTimeUnixNano", Long.toString(start))
                .add("endTimeUnixNano", Long.toString(Math.max(start, end)))
                .add("attributes", attributes.array);
        if (error != null) {
            span.add("status", JSON.createObjectBuilder().add("code", STATUS_ERROR).add("message", error));
        }
        return span.build();
    }

    static String randomHex(int bytes) {
        byte[] id = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(id);
        } while (allZero(id));
        return HexFormat.of().formatHex(id);
    }

    private static boolean allZero(byte[] id) {
        for (byte b : id) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** OTLP key-values; a null value is left out. */
    static final class Attributes {
        private final JsonArrayBuilder array = JSON.createArrayBuilder();

        JsonArrayBuilder array() {
            return array;
        }

        Attributes put(String key, Object value) {
            if (value == null) {
                return this;
            }
            JsonObjectBuilder v = JSON.createObjectBuilder();
            if (value instanceof Boolean b) {
                v.add("boolValue", b);
            } else if (value instanceof Number n) {
                v.add("intValue", Long.toString(n.longValue())); // int64 is a string in OTLP/JSON
            } else {
                v.add("stringValue", value.toString());
            }
            array.add(JSON.createObjectBuilder().add("key", key).add("value", v));
            return this;
        }
    }
}
