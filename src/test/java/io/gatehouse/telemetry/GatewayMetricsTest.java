package io.gatehouse.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayMetricsTest {
    private static final String CHAT = "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-4o\"";

    /** A request that started at 0 ns and ended at {@code endNanos}, with the given attempts and answer. */
    static RequestRecord request(String route, String model, int status, long endNanos, AttemptRecord... attempts) {
        RequestRecord r = new RequestRecord(route, "chat", "trace-1", null, 1_000_000_000L, 0);
        r.asked(model);
        for (AttemptRecord a : attempts) {
            r.attempted(a);
        }
        r.answered(status, false, null);
        r.ended(endNanos);
        return r;
    }

    static AttemptRecord attempt(String provider, String target, int status) {
        return new AttemptRecord(provider, null, target, "api.example", 0, 1000, status, null);
    }

    @Test
    void aChatIsTimedAndItsTokensCountedUnderTheGenAiNames() {
        GatewayMetrics metrics = new GatewayMetrics(10);
        RequestRecord r = request("chat.completions", "gpt-4o", 200, 300_000_000L, attempt("openai", "config", 200));
        r.usageFrom(() -> new RequestRecord.Tokens(20, 1000), () -> "gpt-4o-2024");

        metrics.requestEnded(r);

        String text = metrics.scrape();
        assertLines(text,
                "gen_ai_client_operation_duration_seconds_bucket{" + CHAT + ",le=\"0.16\"} 0",
                "gen_ai_client_operation_duration_seconds_bucket{" + CHAT + ",le=\"0.32\"} 1",
                "gen_ai_client_operation_duration_seconds_bucket{" + CHAT + ",le=\"+Inf\"} 1",
                "gen_ai_client_operation_duration_seconds_sum{" + CHAT + "} 0.3",
                "gen_ai_client_operation_duration_seconds_count{" + CHAT + "} 1",
                "gen_ai_client_token_usage_bucket{" + CHAT + ",gen_ai_token_type=\"input\",le=\"16\"} 0",
                "gen_ai_client_token_usage_bucket{" + CHAT + ",gen_ai_token_type=\"input\",le=\"64\"} 1",
                "gen_ai_client_token_usage_sum{" + CHAT + ",gen_ai_token_type=\"output\"} 1000",
                "gatehouse_requests_total{route=\"chat.completions\",provider=\"openai\",status=\"200\"} 1",
                "# TYPE gen_ai_client_operation_duration_seconds histogram",
                "# TYPE gatehouse_requests_total counter",
                "gatehouse_streams_in_flight 0",
                "gatehouse_log_records_dropped_total 0");
    }

    @Test
    void aRefusalBeforeRoutingCountsARequestButNoOperation() {
        GatewayMetrics metrics = new GatewayMetrics(10);
        RequestRecord r = request("embeddings", "e", 400, 1000);
        r.failed("invalid_provider");

        metrics.requestEnded(r);

        assertLines(metrics.scrape(), "gatehouse_requests_total{route=\"embeddings\",provider=\"unknown\",status=\"400\"} 1");
        assertFalse(metrics.scrape().contains("gen_ai_client_operation_duration_seconds_count"));
    }

    @Test
    void retriesAndFallbacksAreToldApartByTheTargetAttempted() {
        GatewayMetrics metrics = new GatewayMetrics(10);
        metrics.requestEnded(request("chat.completions", "m", 200, 1000,
                attempt("openai", "config.targets[0]", 503), attempt("openai", "config.targets[0]", 503),
                attempt("anthropic", "config.targets[1]", 200)));

        assertLines(metrics.scrape(), "gatehouse_retries_total{provider=\"openai\"} 1",
                "gatehouse_fallbacks_total{provider=\"anthropic\"} 1");
    }

    @Test
    void modelsBeyondTheBoundCountAsOther() {
        GatewayMetrics metrics = new GatewayMetrics(2);
        for (String model : List.of("a", "b", "c", "d", "a")) {
            metrics.requestEnded(request("chat.completions", model, 200, 1000, attempt("openai", "config", 200)));
        }

        String text = metrics.scrape();
        assertLines(text, "gen_ai_client_operation_duration_seconds_count{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\",gen_ai_request_model=\"a\"} 2",
                "gen_ai_client_operation_duration_seconds_count{gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\",gen_ai_request_model=\"other\"} 2");
        assertFalse(text.contains("gen_ai_request_model=\"c\""));
    }

    @Test
    void streamsCacheStatusesLimitsGuardrailsAndDroppedRecordsAreCounted() {
        GatewayMetrics metrics = new GatewayMetrics(10);
        RequestRecord stream = new RequestRecord("chat.completions", "chat", "t", null, 0, 0);
        stream.asked("gpt-4o");
        stream.attempted(attempt("openai", "config", 200));
        stream.answered(200, true, "HIT");
        stream.hooks("pass");
        stream.firstByteWritten(50_000_000L);
        stream.ended(400_000_000L);
        RequestRecord limited = request("chat.completions", "gpt-4o", 429, 1000);
        limited.refusedByLimit("rate_limit_exceeded");

        metrics.streamsInFlight(1);
        metrics.requestEnded(stream);
        metrics.requestEnded(limited);
        metrics.guardrailVerdict("pii", "fail");
        metrics.logRecordDropped();
        metrics.logRecordDropped();

        assertLines(metrics.scrape(),
                "gatehouse_time_to_first_token_seconds_bucket{" + CHAT + ",le=\"0.04\"} 0",
                "gatehouse_time_to_first_token_seconds_bucket{" + CHAT + ",le=\"0.08\"} 1",
                "gatehouse_cache_requests_total{cache_status=\"hit\"} 1",
                "gatehouse_limit_refusals_total{code=\"rate_limit_exceeded\"} 1",
                "gatehouse_guardrail_verdicts_total{guardrail=\"pii\",verdict=\"fail\"} 1",
                "gatehouse_guardrail_verdicts_total{guardrail=\"hooks\",verdict=\"pass\"} 1",
                "gatehouse_streams_in_flight 1",
                "gatehouse_log_records_dropped_total 2");
    }

    @Test
    void theRequestLogsOwnCountOfDroppedRecordsIsReadAtEachScrape() {
        GatewayMetrics metrics = new GatewayMetrics(10);
        java.util.concurrent.atomic.AtomicLong droppedByTheLog = new java.util.concurrent.atomic.AtomicLong(3);
        metrics.countLogRecordsDroppedBy(droppedByTheLog::get);
        assertLines(metrics.scrape(), "gatehouse_log_records_dropped_total 3");

        droppedByTheLog.set(7);
        metrics.logRecordDropped();
        assertLines(metrics.scrape(), "gatehouse_log_records_dropped_total 8");
    }

    @Test
    void theJvmsBasicsAndTheGatewaysOwnGaugesAreReadAtEachScrape() {
        GatewayMetrics metrics = new GatewayMetrics(10);
        int[] calls = {3};
        metrics.gauge("gatehouse_calls_in_flight", "Calls held now.", () -> calls[0]);

        String first = metrics.scrape();
        calls[0] = 5;
        String second = metrics.scrape();

        assertLines(first, "# TYPE gatehouse_calls_in_flight gauge", "gatehouse_calls_in_flight 3",
                "# TYPE process_uptime_seconds gauge", "# TYPE jvm_memory_heap_used_bytes gauge",
                "# TYPE jvm_threads_live_threads gauge");
        assertLines(second, "gatehouse_calls_in_flight 5");
        assertTrue(first.lines().anyMatch(l -> l.matches("jvm_memory_heap_used_bytes [1-9][0-9]*")), first);
    }

    @Test
    void labelValuesAreEscapedAndFreeTextIsFolded() {
        BoundedLabel label = new BoundedLabel(5);

        assertEquals("unknown", label.of(null));
        assertEquals("other", label.of("line\nbreak"));
        assertEquals("other", label.of("x".repeat(200)));
        assertEquals("a\\\"b\\\\c", Prometheus.escape("a\"b\\c"));
    }

    private static void assertLines(String text, String... lines) {
        List<String> all = text.lines().toList();
        for (String line : lines) {
            assertTrue(all.contains(line), () -> "missing line: " + line + "\nin:\n" + text);
        }
    }
}
