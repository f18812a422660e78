package io.gatehouse.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenAiSpansTest {
    private static final TraceParent CLIENT = new TraceParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", true);

    private static RequestRecord chat(TraceParent parent) {
        RequestRecord r = new RequestRecord("chat.completions", "chat", "trace-7", parent, 1_000_000_000L, 0);
        r.asked("gpt-4o");
        r.attempted(new AttemptRecord("openai", "gpt-4o", "config.targets[0]", "api.openai.com", 1_000_000_100L, 500, 0,
                "upstream_timeout"));
        r.attempted(new AttemptRecord("anthropic", "claude-3-5", "config.targets[1]", "api.anthropic.com", 1_000_001_000L,
                800, 200, null));
        r.answered(200, false, "MISS");
        r.usageFrom(() -> new RequestRecord.Tokens(12, 34), () -> "claude-3-5-20241022");
        r.ended(2_000);
        return r;
    }

    @Test
    void aRequestIsAServerSpanWithTheGenAiAttributesAndItsAttemptsAreClientSpansUnderIt() {
        List<JsonObject> spans = GenAiSpans.of(chat(CLIENT), 1_000_002_000L);

        assertEquals(3, spans.size());
        JsonObject request = spans.get(0);
        assertEquals(CLIENT.traceId(), request.getString("traceId"));
        assertEquals(CLIENT.spanId(), request.getString("parentSpanId"));
        assertEquals("chat claude-3-5", request.getString("name"));
        assertEquals(GenAiSpans.KIND_SERVER, request.getInt("kind"));
        assertEquals("1000000000", request.getString("startTimeUnixNano"));
        assertEquals("1000002000", request.getString("endTimeUnixNano"));
        assertEquals(Map.ofEntries(
                Map.entry("gen_ai.operation.name", "chat"),
                Map.entry("gen_ai.provider.name", "anthropic"),
                Map.entry("gen_ai.request.model", "claude-3-5"),
                Map.entry("gen_ai.response.model", "claude-3-5-20241022"),
                Map.entry("gen_ai.usage.input_tokens", "\"12\""),
                Map.entry("gen_ai.usage.output_tokens", "\"34\""),
                Map.entry("server.address", "api.anthropic.com"),
                Map.entry("http.route", "chat.completions"),
                Map.entry("http.response.status_code", "\"200\""),
                Map.entry("portkey.trace_id", "trace-7"),
                Map.entry("gatehouse.stream", "false"),
                Map.entry("gatehouse.retries", "\"0\""),
                Map.entry("gatehouse.fallbacks", "\"1\""),
                Map.entry("gatehouse.cache_status", "MISS")), attributes(request));
        assertFalse(request.containsKey("status"));

        JsonObject failed = spans.get(1);
        assertEquals(GenAiSpans.KIND_CLIENT, failed.getInt("kind"));
        assertEquals(request.getString("spanId"), failed.getString("parentSpanId"));
        assertEquals("chat gpt-4o", failed.getString("name"));
        assertEquals("upstream_timeout", attributes(failed).get("error.type"));
        assertEquals("api.openai.com", attributes(failed).get("server.address"));
        assertEquals(GenAiSpans.STATUS_ERROR, failed.getJsonObject("status").getInt("code"));
        assertEquals("1000000600", failed.getString("endTimeUnixNano"));
        assertEquals("\"200\"", attributes(spans.get(2)).get("http.response.status_code"));
    }

    @Test
    void withoutAClientTraceANewOneIsStarted() {
        List<JsonObject> spans = GenAiSpans.of(chat(null), 1_000_002_000L);

        assertTrue(spans.get(0).getString("traceId").matches("[0-9a-f]{32}"));
        assertFalse(spans.get(0).containsKey("parentSpanId"));
        assertEquals(spans.get(0).getString("traceId"), spans.get(1).getString("traceId"));
        assertNotEquals(spans.get(1).getString("spanId"), spans.get(2).getString("spanId"));
    }

    @Test
    void anUnsampledClientTraceIsNotRecorded() {
        assertEquals(List.of(), GenAiSpans.of(chat(new TraceParent(CLIENT.traceId(), CLIENT.spanId(), false)), 0));
    }

    @Test
    void anErrorAnswerIsAnErrorSpanTypedByItsCodeElseItsStatus() {
        assertEquals("rate_limit_exceeded", GenAiSpans.errorType("rate_limit_exceeded", 429));
        assertEquals("502", GenAiSpans.errorType(null, 502));
        assertEquals(null, GenAiSpans.errorType(null, 200));
    }

    @Test
    void theExportBodyIsAnOtlpTraceRequestForThisService() {
        JsonObject body = OtlpExporter.body("gw", GenAiSpans.of(chat(null), 0));

        JsonObject resource = body.getJsonArray("resourceSpans").getJsonObject(0);
        assertEquals("gw", attributes(resource.getJsonObject("resource")).get("service.name"));
        assertEquals(3, resource.getJsonArray("scopeSpans").getJsonObject(0).getJsonArray("spans").size());
    }

    /** Attribute values as text: strings bare, other values as their JSON. */
    static Map<String, String> attributes(JsonObject withAttributes) {
        Map<String, String> result = new HashMap<>();
        for (JsonObject kv : withAttributes.getJsonArray("attributes").getValuesAs(JsonObject.class)) {
            JsonObject value = kv.getJsonObject("value");
            String type = value.keySet().iterator().next();
            JsonValue v = value.get(type);
            result.put(kv.getString("key"), type.equals("stringValue") ? value.getString(type) : v.toString());
        }
        return result;
    }
}
