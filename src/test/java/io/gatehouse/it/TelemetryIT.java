package io.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Metrics, traces, the OpenAPI document and readiness on a real Payara Micro: traffic through a fake
 * provider, then what {@code /metrics} counts, what a fake OTLP/HTTP collector received (decoded from the
 * exporter's JSON), {@code /openapi} and {@code /health/ready}. Each test uses its own model name, so its
 * metric series are its own.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TelemetryIT {
    static final FakeUpstream OPENAI = FakeUpstream.started();
    static final FakeUpstream FAILING = FakeUpstream.started();
    static final Collector COLLECTOR = new Collector();
    static final ServerConfigDir CONFIG = new ServerConfigDir("it-telemetry-config");

    @ArquillianResource
    URL deployed;

    GatewayClient gateway;

    @Deployment(testable = false)
    static WebArchive war() {
        OPENAI.otherwise(NativeAnswers.openAiChat());
        FAILING.otherwise((req, ex) -> ex.json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        CONFIG.write("gatehouse.properties", "telemetry.otlp.endpoint=http://127.0.0.1:" + COLLECTOR.port() + "\n"
                + "telemetry.otlp.export-interval-ms=100\ntelemetry.service-name=gatehouse-it\n");
        return CONFIG.deployment();
    }

    @AfterAll
    static void stopFakes() throws IOException {
        OPENAI.close();
        FAILING.close();
        COLLECTOR.server.stop(0);
    }

    @BeforeEach
    void connect() {
        gateway = new GatewayClient(deployed);
    }

    private static String chat(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}";
    }

    private HttpResponse<String> chatVia(FakeUpstream upstream, String body, String... headers) throws Exception {
        List<String> all = new ArrayList<>(List.of("x-portkey-provider", "openai", "Authorization", "Bearer sk-it",
                "x-portkey-custom-host", upstream.baseUrl() + "/v1"));
        all.addAll(List.of(headers));
        return gateway.postJson("/v1/chat/completions", body, all.toArray(String[]::new));
    }

    @Test
    void aChatContinuesTheClientsTraceWithARequestSpanAndAnAttemptSpan() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String clientSpan = "00f067aa0ba902b7";
        HttpResponse<String> answer = chatVia(OPENAI, chat("gpt-traced", false),
                "traceparent", "00-" + traceId + "-" + clientSpan + "-01", "x-portkey-trace-id", "it-trace-1");

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("gpt-traced", json(OPENAI.takeRequest(5000).bodyText()).getString("model"));
        List<JsonObject> spans = COLLECTOR.spansOf(traceId, 2);
        JsonObject request = only(spans, 2);
        JsonObject attempt = only(spans, 3);
        assertEquals(clientSpan, request.getString("parentSpanId"));
        assertEquals(request.getString("spanId"), attempt.getString("parentSpanId"));
        assertEquals("chat gpt-traced", request.getString("name"));
        Map<String, String> a = attributes(request);
        assertEquals("chat", a.get("gen_ai.operation.name"));
        assertEquals("openai", a.get("gen_ai.provider.name"));
        assertEquals("gpt-traced", a.get("gen_ai.request.model"));
        assertEquals("m-1", a.get("gen_ai.response.model"));
        assertEquals("20", a.get("gen_ai.usage.input_tokens"));
        assertEquals("10", a.get("gen_ai.usage.output_tokens"));
        assertEquals("127.0.0.1", a.get("server.address"));
        assertEquals("it-trace-1", a.get("portkey.trace_id"));
        assertNull(a.get("error.type"));
        assertEquals("200", attributes(attempt).get("http.response.status_code"));
        assertEquals("gatehouse-it", COLLECTOR.serviceName);
    }

    @Test
    void aStreamIsCountedWithItsTimeToFirstTokenAndTokens() throws Exception {
        HttpResponse<String> answer = chatVia(OPENAI, chat("gpt-streamed", true));

        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().contains("data: [DONE]"), answer.body());
        assertTrue(OPENAI.takeRequest(5000).bodyText().contains("\"stream\":true"));
        String labels = "gen_ai_operation_name=\"chat\",gen_ai_provider_name=\"openai\",gen_ai_request_model=\"gpt-streamed\"";
        Map<String, Double> metrics = metrics();
        assertEquals(1.0, metrics.get("gen_ai_client_operation_duration_seconds_count{" + labels + "}"));
        assertEquals(1.0, metrics.get("gatehouse_time_to_first_token_seconds_count{" + labels + "}"));
        assertEquals(20.0, metrics.get("gen_ai_client_token_usage_sum{" + labels + ",gen_ai_token_type=\"input\"}"));
        assertEquals(10.0, metrics.get("gen_ai_client_token_usage_sum{" + labels + ",gen_ai_token_type=\"output\"}"));
        assertEquals(1.0, metrics.get("gen_ai_client_token_usage_bucket{" + labels + ",gen_ai_token_type=\"output\",le=\"16\"}"));
        assertEquals(0.0, metrics.get("gatehouse_streams_in_flight"));
        assertTrue(metrics.get("gatehouse_requests_total{route=\"chat.completions\",provider=\"openai\",status=\"200\"}") >= 1);
    }

    @Test
    void aFallbackIsCountedAndEachAttemptHasItsSpan() throws Exception {
        String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"openai\",\"api_key\":\"sk-a\",\"custom_host\":\"" + FAILING.baseUrl() + "/v1\"},"
                + "{\"provider\":\"openai\",\"api_key\":\"sk-b\",\"custom_host\":\"" + OPENAI.baseUrl() + "/v1\"}]}";
        String traceId = "5bf92f3577b34da6a3ce929d0e0e4737";
        HttpResponse<String> answer = gateway.postJson("/v1/chat/completions", chat("gpt-fallback", false),
                "x-portkey-config", config, "traceparent", "00-" + traceId + "-00f067aa0ba902b8-01");

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("config.targets[1]", answer.headers().firstValue("x-portkey-last-used-option-index").orElse(null));
        assertNotNull(FAILING.takeRequest(5000));
        assertNotNull(OPENAI.takeRequest(5000));
        assertEquals(1.0, metrics().get("gatehouse_fallbacks_total{provider=\"openai\"}"));
        List<JsonObject> attempts = COLLECTOR.spansOf(traceId, 3).stream().filter(s -> s.getInt("kind") == 3).toList();
        assertEquals(List.of("503", "200"), attempts.stream().map(s -> attributes(s).get("http.response.status_code")).toList());
        assertEquals("503", attributes(attempts.get(0)).get("error.type"));
        assertEquals(2, attempts.get(0).getJsonObject("status").getInt("code"));
    }

    @Test
    void proxiedAndRefusedRequestsAreCountedByRouteAndStatus() throws Exception {
        OPENAI.on("GET", "/v1/models", (req, ex) -> ex.json(200, "{\"object\":\"list\",\"data\":[]}"));
        HttpResponse<String> proxied = gateway.send(gateway.request("/v1/models").header("x-portkey-provider", "openai")
                .header("Authorization", "Bearer sk-it").header("x-portkey-custom-host", OPENAI.baseUrl() + "/v1").GET().build());
        HttpResponse<String> refused = gateway.postJson("/v1/embeddings", "{\"model\":\"e\",\"input\":\"x\"}");

        assertEquals(200, proxied.statusCode(), proxied.body());
        assertEquals("/v1/models", OPENAI.takeRequest(5000).path());
        assertEquals(400, refused.statusCode(), refused.body());
        Map<String, Double> metrics = metrics();
        assertEquals(1.0, metrics.get("gatehouse_requests_total{route=\"proxy\",provider=\"openai\",status=\"200\"}"));
        assertEquals(1.0, metrics.get("gatehouse_requests_total{route=\"embeddings\",provider=\"unknown\",status=\"400\"}"));
    }

    @Test
    void metricsAreServedAsPrometheusText() throws Exception {
        HttpResponse<String> metrics = gateway.send(gateway.request("/metrics").GET().build());

        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        assertTrue(metrics.body().contains("# TYPE gen_ai_client_operation_duration_seconds histogram\n"), metrics.body());
        assertTrue(metrics.body().contains("# TYPE gen_ai_client_token_usage histogram\n"));
        assertTrue(metrics.body().contains("# TYPE gatehouse_log_records_dropped_total counter\n"));
        assertTrue(metrics.body().contains("\ngatehouse_calls_in_flight 0\n"), "this scrape is not a call");
        assertTrue(metrics.body().contains("\n# TYPE process_uptime_seconds gauge\n"));
    }

    @Test
    void openApiListsTheRoutesAndHeaders() throws Exception {
        HttpResponse<String> doc = gateway.send(gateway.request("/openapi").header("Accept", "application/json").GET().build());

        assertEquals(200, doc.statusCode(), doc.body());
        JsonObject paths = json(doc.body()).getJsonObject("paths");
        for (String path : List.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/messages",
                "/v1/responses", "/v1/responses/{id}", "/v1/{path}")) {
            assertTrue(paths.containsKey(path), path + " in " + paths.keySet());
        }
        assertTrue(doc.body().contains("x-portkey-config"));
    }

    @Test
    void readinessReportsTheConfigurationAndTheRequestLogStore() throws Exception {
        HttpResponse<String> ready = gateway.send(gateway.request("/health/ready").GET().build());

        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject body = json(ready.body());
        assertEquals("UP", body.getString("status"));
        JsonObject check = body.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("gatehouse")).findFirst().orElseThrow();
        assertEquals("UP", check.getJsonObject("data").getString("configuration"));
        assertEquals("UP", check.getJsonObject("data").getString("request-log"), "the request log's store answers");
    }

    /** Every sample of {@code /metrics}, by its name and labels as written. */
    private Map<String, Double> metrics() throws Exception {
        // A request's record ends just after its last byte is written: give the listener a moment.
        Thread.sleep(200);
        HttpResponse<String> response = gateway.send(gateway.request("/metrics").GET().build());
        Map<String, Double> samples = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^([a-z_]+(?:\\{[^}]*\\})?) (\\S+)$").matcher(response.body());
        while (m.find()) {
            samples.put(m.group(1), Double.valueOf(m.group(2)));
        }
        return samples;
    }

    private static JsonObject json(String text) {
        try (var reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static JsonObject only(List<JsonObject> spans, int kind) {
        List<JsonObject> ofKind = spans.stream().filter(s -> s.getInt("kind") == kind).toList();
        assertEquals(1, ofKind.size(), spans.toString());
        return ofKind.get(0);
    }

    /** A span's attributes, each value as text. */
    private static Map<String, String> attributes(JsonObject span) {
        Map<String, String> result = new HashMap<>();
        for (JsonObject kv : span.getJsonArray("attributes").getValuesAs(JsonObject.class)) {
            JsonObject value = kv.getJsonObject("value");
            String key = value.keySet().iterator().next();
            JsonValue v = value.get(key);
            result.put(kv.getString("key"), v.getValueType() == JsonValue.ValueType.STRING ? value.getString(key) : v.toString());
        }
        return result;
    }

    /** A fake OTLP/HTTP collector on loopback: keeps the spans POSTed to /v1/traces (JSON encoding). */
    static final class Collector {
        final HttpServer server;
        final LinkedBlockingQueue<JsonObject> spans = new LinkedBlockingQueue<>();
        volatile String serviceName;

        Collector() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/v1/traces", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    String type = exchange.getRequestHeaders().getFirst("Content-Type");
                    JsonObject body = json(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    assertEquals("application/json", type);
                    for (JsonObject resource : body.getJsonArray("resourceSpans").getValuesAs(JsonObject.class)) {
                        serviceName = attributes(resource.getJsonObject("resource")).get("service.name");
                        for (JsonObject scope : resource.getJsonArray("scopeSpans").getValuesAs(JsonObject.class)) {
                            spans.addAll(scope.getJsonArray("spans").getValuesAs(JsonObject.class));
                        }
                    }
                    exchange.sendResponseHeaders(200, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        /** The spans of one trace, waiting (up to 10 s) until at least {@code count} have arrived. */
        List<JsonObject> spansOf(String traceId, int count) throws InterruptedException {
            List<JsonObject> found = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (found.size() < count && System.nanoTime() < deadline) {
                JsonObject span = spans.poll(100, TimeUnit.MILLISECONDS);
                if (span != null && span.getString("traceId").equals(traceId)) {
                    found.add(span);
                }
            }
            assertEquals(count, found.size(), "spans of trace " + traceId);
            return found;
        }
    }
}
