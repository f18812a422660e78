package io.gatehouse.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exporter against a collector on loopback: what it POSTs, and that a full queue drops, never waits. */
class OtlpExporterTest {
    private HttpServer collector;
    private final LinkedBlockingQueue<String> bodies = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> authHeaders = new LinkedBlockingQueue<>();
    private volatile int status = 200;

    @BeforeEach
    void startCollector() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            authHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("x-api-key")));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        collector.start();
    }

    @AfterEach
    void stopCollector() {
        collector.stop(0);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
    }

    private static RequestRecord chat() {
        RequestRecord r = new RequestRecord("chat.completions", "chat", "t-1", null, EpochNanos.now(), System.nanoTime());
        r.attempted(new AttemptRecord("openai", "gpt-4o", "config", "127.0.0.1", EpochNanos.now(), 1000, 200, null));
        r.answered(200, false, null);
        r.ended(System.nanoTime());
        return r;
    }

    @Test
    void spansArePostedAsOtlpJsonWithTheConfiguredHeaders() throws Exception {
        AtomicInteger dropped = new AtomicInteger();
        try (OtlpExporter exporter = new OtlpExporter(endpoint(), Map.of("x-api-key", "k-1"), "gw", Duration.ofMillis(50),
                100, dropped::addAndGet)) {
            exporter.requestEnded(chat());

            String body = bodies.poll(10, TimeUnit.SECONDS);
            assertNotNull(body);
            JsonObject json = Json.createReader(new StringReader(body)).readObject();
            assertEquals(2, json.getJsonArray("resourceSpans").getJsonObject(0).getJsonArray("scopeSpans").getJsonObject(0)
                    .getJsonArray("spans").size());
            assertEquals("k-1", authHeaders.poll(10, TimeUnit.SECONDS));
        }
        assertEquals(0, dropped.get());
    }

    @Test
    void aFullQueueDropsSpansAndCountsThem() {
        AtomicInteger dropped = new AtomicInteger();
        // A long interval: nothing is sent while the test fills the queue (2 places; a request is 2 spans).
        try (OtlpExporter exporter = new OtlpExporter(endpoint(), Map.of(), "gw", Duration.ofHours(1), 2, dropped::addAndGet)) {
            long start = System.nanoTime();
            exporter.requestEnded(chat());
            exporter.requestEnded(chat());
            exporter.requestEnded(chat());

            assertEquals(4, dropped.get());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "requests never wait for the exporter");
        }
    }

    @Test
    void spansTheCollectorRefusesAreCountedAsDropped() throws Exception {
        status = 503;
        AtomicInteger dropped = new AtomicInteger();
        try (OtlpExporter exporter = new OtlpExporter(endpoint(), Map.of(), "gw", Duration.ofMillis(50), 100, dropped::addAndGet)) {
            exporter.requestEnded(chat());
            assertNotNull(bodies.poll(10, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (dropped.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertEquals(2, dropped.get());
    }
}
