package io.gatehouse.telemetry;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.util.function.DoubleSupplier;

/**
 * The gateway's metrics, scraped at {@code GET /metrics}: the OpenTelemetry GenAI client metrics
 * ({@code gen_ai.client.operation.duration}, {@code gen_ai.client.token.usage}, named as Prometheus writes
 * them) and the gateway's own counters. Every label value is bounded ({@link BoundedLabel}): no trace ids,
 * no free text, at most {@code maxModels} model names (later ones count as {@code other}).
 */
public final class GatewayMetrics implements RequestListener {
    /** The GenAI semantic conventions' advised buckets for operation durations, in seconds. */
    static final double[] DURATION_BUCKETS = {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24,
            20.48, 40.96, 81.92};
    /** The GenAI semantic conventions' advised buckets for token counts. */
    static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
            16777216, 67108864};

    private final Prometheus registry = new Prometheus();
    private final BoundedLabel models;
    private final BoundedLabel providers = new BoundedLabel(64);
    private final BoundedLabel cacheStatuses = new BoundedLabel(16);
    private final BoundedLabel limitCodes = new BoundedLabel(16);
    private final BoundedLabel guardrails = new BoundedLabel(64);
    private final BoundedLabel verdicts = new BoundedLabel(16);

    private final Prometheus.Family duration;
    private final Prometheus.Family tokens;
    private final Prometheus.Family requests;
    private final Prometheus.Family firstToken;
    private final Prometheus.Family retries;
    private final Prometheus.Family fallbacks;
    private final Prometheus.Family cache;
    private final Prometheus.Family guardrailVerdicts;
    private final Prometheus.Family limitRefusals;
    private final Prometheus.Series streamsInFlight;
    /** Records dropped as told one by one, plus the request log's own count (read when scraped). */
    private final java.util.concurrent.atomic.AtomicLong droppedLogRecords = new java.util.concurrent.atomic.AtomicLong();
    private volatile java.util.function.LongSupplier droppedByRequestLog = () -> 0;
    private final Prometheus.Series droppedSpans;

    /** @param maxModels distinct model names kept as label values */
    public GatewayMetrics(int maxModels) {
        models = new BoundedLabel(maxModels);
        duration = registry.histogram("gen_ai_client_operation_duration_seconds",
                "GenAI operation duration, from the request's arrival to the end of its answer.", DURATION_BUCKETS,
                "gen_ai_operation_name", "gen_ai_provider_name", "gen_ai_request_model");
        tokens = registry.histogram("gen_ai_client_token_usage", "Tokens used per request, by token type.",
                TOKEN_BUCKETS, "gen_ai_operation_name", "gen_ai_provider_name", "gen_ai_request_model", "gen_ai_token_type");
        requests = registry.counter("gatehouse_requests_total", "Requests answered, by route, provider and status.",
                "route", "provider", "status");
        firstToken = registry.histogram("gatehouse_time_to_first_token_seconds",
                "Streams: time from the request's arrival to the first byte of its answer's body.", DURATION_BUCKETS,
                "gen_ai_operation_name", "gen_ai_provider_name", "gen_ai_request_model");
        retries = registry.counter("gatehouse_retries_total", "Attempts that retried the same target.", "provider");
        fallbacks = registry.counter("gatehouse_fallbacks_total",
                "Attempts that fell back to another target, by the provider fallen back to.", "provider");
        cache = registry.counter("gatehouse_cache_requests_total",
                "Answers by their x-portkey-cache-status (hit, miss, ...).", "cache_status");
        guardrailVerdicts = registry.counter("gatehouse_guardrail_verdicts_total", "Guardrail checks by verdict.",
                "guardrail", "verdict");
        limitRefusals = registry.counter("gatehouse_limit_refusals_total",
                "Requests refused because a gateway key or catalog entry was over a limit.", "code");
        streamsInFlight = registry.gauge("gatehouse_streams_in_flight", "Event streams being written to clients now.")
                .with();
        registry.callback("gatehouse_log_records_dropped_total",
                "Request log records dropped because the log writer's queue was full.", "counter",
                () -> droppedLogRecords.get() + droppedByRequestLog.getAsLong());
        droppedSpans = registry.counter("gatehouse_spans_dropped_total",
                "Spans dropped because the OTLP exporter's queue was full or the collector refused them.").with();
        registerProcessMetrics();
    }

    /** The JVM's basics: this endpoint replaces Payara's, which had them. */
    private void registerProcessMetrics() {
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        registry.callback("process_uptime_seconds", "Time since the JVM started.", "gauge", () -> runtime.getUptime() / 1e3);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            registry.callback("process_cpu_seconds_total", "CPU time the JVM used.", "counter",
                    () -> os.getProcessCpuTime() / 1e9);
        }
        registry.callback("jvm_memory_heap_used_bytes", "Heap in use.", "gauge", () -> memory.getHeapMemoryUsage().getUsed());
        registry.callback("jvm_memory_heap_max_bytes", "Largest heap the JVM may use.", "gauge",
                () -> memory.getHeapMemoryUsage().getMax());
        registry.callback("jvm_memory_nonheap_used_bytes", "Memory in use outside the heap (metaspace, code cache).",
                "gauge", () -> memory.getNonHeapMemoryUsage().getUsed());
        registry.callback("jvm_threads_live_threads", "Platform threads alive (calls run on virtual threads, not counted).",
                "gauge", threads::getThreadCount);
    }

    /** Seam: a value of the gateway's own read at each scrape, e.g. calls in flight. */
    public void gauge(String name, String help, DoubleSupplier value) {
        registry.callback(name, help, "gauge", value);
    }

    @Override
    public void requestEnded(RequestRecord r) {
        String provider = providers.of(r.provider());
        String model = models.of(r.requestModel());
        String operation = r.operation();
        requests.with(r.route(), provider, Integer.toString(r.status())).inc();
        if (r.provider() != null) {
            duration.with(operation, provider, model).observe(r.durationNanos() / 1e9);
            RequestRecord.Tokens used = r.tokens();
            if (used != null) {
                tokens.with(operation, provider, model, "input").observe(used.input());
                tokens.with(operation, provider, model, "output").observe(used.output());
            }
        }
        if (r.stream() && r.timeToFirstByteNanos() >= 0) {
            firstToken.with(operation, provider, model).observe(r.timeToFirstByteNanos() / 1e9);
        }
        for (int i = 1; i < r.attempts().size(); i++) {
            AttemptRecord attempt = r.attempts().get(i);
            boolean sameTarget = attempt.optionPath().equals(r.attempts().get(i - 1).optionPath());
            (sameTarget ? retries : fallbacks).with(providers.of(attempt.provider())).inc();
        }
        if (r.hooksOutcome() != null) {
            guardrailVerdict("hooks", r.hooksOutcome());
        }
        if (r.cacheStatus() != null) {
            cache.with(cacheStatuses.of(r.cacheStatus().toLowerCase(java.util.Locale.ROOT))).inc();
        }
        if (r.limitRefused() != null) {
            limitRefusals.with(limitCodes.of(r.limitRefused())).inc();
        }
    }

    /** A stream began (+1) or ended (-1). */
    public void streamsInFlight(int delta) {
        streamsInFlight.move(delta);
    }

    /** Seam for guardrails: one check's verdict ({@code pass}, {@code fail}, ...). */
    public void guardrailVerdict(String guardrail, String verdict) {
        guardrailVerdicts.with(guardrails.of(guardrail), verdicts.of(verdict)).inc();
    }

    /** Seam for the request log: a record it had to drop. */
    public void logRecordDropped() {
        droppedLogRecords.incrementAndGet();
    }

    /** Counts, from now on, the records the request log itself reports dropped ({@code source}: its running total). */
    public void countLogRecordsDroppedBy(java.util.function.LongSupplier source) {
        droppedByRequestLog = source;
    }

    void spansDropped(int count) {
        droppedSpans.add(count);
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }
}
