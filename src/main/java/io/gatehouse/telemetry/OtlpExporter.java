package io.gatehouse.telemetry;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends spans to an OpenTelemetry collector over OTLP/HTTP in its JSON encoding ({@code POST .../v1/traces}),
 * off the request path: requests put spans on a bounded queue (a full queue drops them, counted, never
 * waits), and one daemon thread sends all queued every interval, or sooner when a batch is full.
 */
final class OtlpExporter implements RequestListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OtlpExporter.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();
    static final int MAX_BATCH = 512;

    private final URI endpoint;
    private final Map<String, String> headers;
    private final String serviceName;
    private final Duration interval;
    private final BlockingQueue<JsonObject> queue;
    private final IntConsumer dropped;
    private final HttpClient client;
    private final Thread sender;
    private volatile boolean closed;
    private long lastFailureLogged;

    /**
     * @param headers sent with every export (e.g. a collector's auth header); never logged
     * @param dropped told how many spans were dropped (queue full, or the collector refused them)
     */
    OtlpExporter(URI endpoint, Map<String, String> headers, String serviceName, Duration interval, int maxQueued,
                 IntConsumer dropped) {
        this.endpoint = endpoint;
        this.headers = Map.copyOf(headers);
        this.serviceName = serviceName;
        this.interval = interval;
        this.queue = new ArrayBlockingQueue<>(maxQueued);
        this.dropped = dropped;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.sender = new Thread(this::sendLoop, "gatehouse-otlp-exporter");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void requestEnded(RequestRecord request) {
        List<JsonObject> spans = GenAiSpans.of(request, EpochNanos.now());
        int lost = 0;
        for (JsonObject span : spans) {
            if (!queue.offer(span)) {
                lost++;
            }
        }
        if (lost > 0) {
            dropped.accept(lost);
        }
        if (queue.size() >= MAX_BATCH) {
            LockSupport.unpark(sender);
        }
    }

    /** Sleeps an interval (or until a batch is full, or close), sends everything queued, again until closed. */
    private void sendLoop() {
        List<JsonObject> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            LockSupport.parkNanos(this, interval.toNanos());
            if (Thread.interrupted()) {
                return; // close() gave up waiting
            }
            boolean stopping = closed; // read before the last drain: what came before close() is sent
            while (queue.drainTo(batch, MAX_BATCH) > 0) {
                send(batch);
                batch.clear();
            }
            if (stopping) {
                return;
            }
        }
    }

    private void send(List<JsonObject> spans) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(serviceName, spans).toString()));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                failed(spans.size(), "HTTP " + response.statusCode());
            }
        } catch (java.io.IOException e) {
            failed(spans.size(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed(spans.size(), "interrupted");
        }
    }

    /** Counted always; logged at most once a minute, so an absent collector does not flood the log. */
    private void failed(int spans, String why) {
        dropped.accept(spans);
        long now = System.nanoTime();
        if (lastFailureLogged == 0 || now - lastFailureLogged > TimeUnit.MINUTES.toNanos(1)) {
            lastFailureLogged = now;
            LOG.log(Level.WARNING, "OTLP export to {0} failed ({1}): {2} spans dropped",
                    new Object[] {endpoint, why, spans});
        }
    }

    /** An OTLP/JSON {@code ExportTraceServiceRequest}: one resource (this service), one scope. */
    static JsonObject body(String serviceName, List<JsonObject> spans) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        spans.forEach(list::add);
        return JSON.createObjectBuilder().add("resourceSpans", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                .add("resource", JSON.createObjectBuilder().add("attributes", new GenAiSpans.Attributes()
                        .put("service.name", serviceName).put("telemetry.sdk.name", "gatehouse").array()))
                .add("scopeSpans", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add("scope", JSON.createObjectBuilder().add("name", "io.gatehouse"))
                        .add("spans", list))))).build();
    }

    /** Sends what is queued (waiting at most a few seconds), then stops. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(sender);
        try {
            sender.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
    }
}
