package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.config.TelemetrySettings;
import io.gatehouse.http.Header;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.telemetry.RequestRecord;
import io.gatehouse.telemetry.Telemetry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObserveRequestTest {
    private final Telemetry telemetry = Telemetry.start(TelemetrySettings.DEFAULTS);
    private final List<RequestRecord> ended = new ArrayList<>();
    private final ObserveRequest observe = new ObserveRequest(telemetry);

    {
        telemetry.addListener(ended::add);
    }

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource({
        "/v1/chat/completions, chat.completions, chat",
        "/v1/completions, completions, text_completion",
        "/v1/embeddings, embeddings, embeddings",
        "/v1/messages, messages, chat",
        "/v1/messages/count_tokens, messages.count_tokens, count_tokens",
        "/v1/responses, responses, chat",
        "/v1/responses/resp_123/input_items, responses, chat",
    })
    void aUnifiedPathIsABoundedRouteAndAGenAiOperation(String path, String route, String operation) {
        RequestRecord r = observe.unified(path, RequestHeaders.of(Map.of()), "t");

        assertEquals(route, r.route());
        assertEquals(operation, r.operation());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/v1/chat/completions, chat",
        "/v1/proxy/embeddings, embeddings",
        "/v1/images/generations, proxy",
        "/v1/files/file-abc123, proxy",
    })
    void aProxiedPathIsRouteProxyWithTheOperationItNames(String path, String operation) {
        RequestRecord r = observe.proxied(path, RequestHeaders.of(Map.of()), "t");

        assertEquals("proxy", r.route());
        assertEquals(operation, r.operation());
    }

    @Test
    void theClientsTraceparentIsRead() {
        RequestRecord r = observe.unified("/v1/chat/completions", RequestHeaders.of(Map.of("traceparent",
                List.of("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))), "t");

        assertEquals("00f067aa0ba902b7", r.parent().spanId());
    }

    @Test
    void aStreamEndsOnceWrittenWithItsFirstByteTimeAndCacheStatus() throws IOException {
        RequestRecord r = observe.unified("/v1/chat/completions", RequestHeaders.of(Map.of()), "t");
        GatewayResponse answer = new GatewayResponse(200, List.of(new Header("Content-Type", "text/event-stream"),
                new Header("x-portkey-cache-status", "MISS")), out -> out.write("data: [DONE]\n\n".getBytes()));

        GatewayResponse observed = observe.after(r, answer);
        assertEquals(List.of(), ended, "not over before its body is written");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        observed.body().writeTo(out);

        assertEquals("data: [DONE]\n\n", out.toString());
        assertEquals(List.of(r), ended);
        assertTrue(r.stream());
        assertEquals("MISS", r.cacheStatus());
        assertTrue(r.timeToFirstByteNanos() >= 0 && r.timeToFirstByteNanos() <= r.durationNanos());
        assertTrue(telemetry.metrics().scrape().contains("gatehouse_streams_in_flight 0\n"));
    }

    @Test
    void anAnswerThatFailsWhileWrittenStillEndsItsRecordWithTheFailure() {
        RequestRecord r = observe.unified("/v1/chat/completions", RequestHeaders.of(Map.of()), "t");
        GatewayResponse answer = new GatewayResponse(200, List.of(new Header("Content-Type", "application/json")), out -> {
            throw new IOException("Connection is closed");
        });

        assertThrows(IOException.class, () -> observe.after(r, answer).body().writeTo(OutputStream.nullOutputStream()));

        assertEquals(List.of(r), ended);
        assertEquals("java.io.IOException", r.errorType());
        assertEquals(-1, r.timeToFirstByteNanos());
        assertNull(r.cacheStatus());
    }
}
