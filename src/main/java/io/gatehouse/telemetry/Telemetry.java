package io.gatehouse.telemetry;

import io.gatehouse.config.TelemetrySettings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the request path reports to: it {@link #begin}s a {@link RequestRecord} per request, fills it in,
 * and {@link #end}s it once the answer is written; every {@link RequestListener} then hears of it —
 * the metrics always, the OTLP span exporter when an endpoint is configured (otherwise it costs nothing).
 */
public final class Telemetry implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Telemetry.class.getName());

    private final GatewayMetrics metrics;
    private final OtlpExporter exporter;
    private final List<RequestListener> listeners = new CopyOnWriteArrayList<>();
    private final Readiness readiness = new Readiness();

    private Telemetry(GatewayMetrics metrics, OtlpExporter exporter) {
        this.metrics = metrics;
        this.exporter = exporter;
        listeners.add(metrics);
        if (exporter != null) {
            listeners.add(exporter);
        }
    }

    public static Telemetry start(TelemetrySettings settings) {
        GatewayMetrics metrics = new GatewayMetrics(settings.maxModelLabels());
        OtlpExporter exporter = settings.tracesEndpoint() == null ? null
                : new OtlpExporter(settings.tracesEndpoint(), settings.otlpHeaders(), settings.serviceName(),
                        settings.exportInterval(), settings.maxQueuedSpans(), metrics::spansDropped);
        return new Telemetry(metrics, exporter);
    }

    /**
     * A request has arrived.
     *
     * @param traceparent the client's W3C {@code traceparent} header, or null
     */
    public RequestRecord begin(String route, String operation, String traceId, String traceparent) {
        return new RequestRecord(route, operation, traceId, TraceParent.parse(traceparent), EpochNanos.now(),
                System.nanoTime());
    }

    /** The request is over: every listener hears of it; one that fails is logged, never the request's problem. */
    public void end(RequestRecord request) {
        request.ended(System.nanoTime());
        for (RequestListener listener : listeners) {
            try {
                listener.requestEnded(request);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "trace " + request.traceId() + ": a request listener failed", e);
            }
        }
    }

    /** Seam: another listener (e.g. the request log) hears of every request from now on. */
    public void addListener(RequestListener listener) {
        listeners.add(listener);
    }

    public GatewayMetrics metrics() {
        return metrics;
    }

    /** Whether spans are exported. */
    public boolean tracing() {
        return exporter != null;
    }

    public Readiness readiness() {
        return readiness;
    }

    /** Sends the spans still queued, then stops the exporter. */
    @Override
    public void close() {
        if (exporter != null) {
            exporter.close();
        }
    }
}
