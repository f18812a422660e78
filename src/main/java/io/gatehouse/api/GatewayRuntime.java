package io.gatehouse.api;

import io.gatehouse.access.AccessConfigLoader;
import io.gatehouse.access.LiveAccessConfig;
import io.gatehouse.access.WatchServerConfig;
import io.gatehouse.cache.ResponseCaching;
import io.gatehouse.config.ConfigEnvironment;
import io.gatehouse.config.ConfigParser;
import io.gatehouse.config.GatewaySettings;
import io.gatehouse.config.SavedConfigs;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.guardrails.Guardrails;
import io.gatehouse.limits.Admission;
import io.gatehouse.limits.JCacheCounters;
import io.gatehouse.config.TelemetrySettings;
import io.gatehouse.pipeline.ObserveRequest;
import io.gatehouse.pipeline.CheckGuardrails;
import io.gatehouse.pipeline.ProxyPipeline;
import io.gatehouse.pipeline.RecordUsage;
import io.gatehouse.pipeline.RequestPipeline;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.requestlog.RequestLog;
import io.gatehouse.requestlog.RequestLogSink;
import io.gatehouse.routing.ResolveProvider;
import io.gatehouse.routing.Router;
import io.gatehouse.telemetry.Telemetry;
import io.gatehouse.upstream.SpoolSpace;
import io.gatehouse.upstream.UpstreamClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gateway's long-lived parts, built once when the application starts from the configuration
 * directory (the deployment's {@code gatehouse.config} context parameter, {@code -Dgatehouse.config},
 * {@code GATEHOUSE_CONFIG}, or {@code server-config/}).
 */
@ApplicationScoped
public class GatewayRuntime {
    private static final Logger LOG = Logger.getLogger(GatewayRuntime.class.getName());

    /** Saved routing configs: {@code <config dir>/configs/<id>.json}. */
    static final String SAVED_CONFIGS_DIR = "configs";

    @Inject
    ServletContext servletContext;

    private GatewaySettings settings;
    private LiveAccessConfig access;
    private JCacheCounters counters;
    private WatchServerConfig watch;
    private Admission admission;
    private Router router;
    private UpstreamClient upstream;
    private RequestPipeline pipeline;
    private ProxyPipeline proxyPipeline;
    private Dialects dialects;
    private CallThreads callThreads;
    private Telemetry telemetry;
    private ResponseCaching caching;
    private RequestLog requestLog;

    @PostConstruct
    void start() {
        ProviderRegistry providers = ProviderRegistry.defaults();
        SavedConfigs saved;
        ResolveProvider resolveProvider;
        try {
            settings = GatewaySettings.load(GatewaySettings.locateConfigDir(
                    servletContext.getInitParameter(GatewaySettings.DIR_PROPERTY)));
            access = LiveAccessConfig.load(new AccessConfigLoader(settings.configDir(), providers, settings.hostPolicy(),
                    System::getenv, System::nanoTime));
            watch = WatchServerConfig.start(access, settings.reloadInterval());
            resolveProvider = new ResolveProvider(providers, () -> access.get().catalog());
            ConfigParser parser = new ConfigParser(new ConfigEnvironment(
                    settings.hostPolicy(), resolveProvider::isKnown, resolveProvider.validNames()));
            saved = SavedConfigs.load(settings.configDir().resolve(SAVED_CONFIGS_DIR), parser);
            counters = JCacheCounters.create(JCacheCounters.EHCACHE);
            admission = new Admission(counters, Instant::now);
            router = Router.create(parser, saved, resolveProvider, settings.hostPolicy(), settings.retryTuning(), admission);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gateway settings", e);
        }
        upstream = new UpstreamClient(settings);
        telemetry = startTelemetry(settings);
        RequestContextParser parseContext = new RequestContextParser(() -> access.get().keys());
        requestLog = startRequestLog();
        if (requestLog != null) {
            telemetry.metrics().countLogRecordsDroppedBy(requestLog::dropped);
        }
        // Ready only while the request log's store answers (when the log is on): a gateway that loses its records is not.
        telemetry.readiness().register("request-log", () -> !settings.requestLog().enabled() ? null
                : requestLog == null ? "its store could not be opened at start"
                : requestLog.store().reachable() ? null : "its store does not answer");
        RecordUsage recordUsage = new RecordUsage(() -> access.get().pricing(), admission,
                requestLog == null ? RequestLogSink.NONE : requestLog, Clock.systemUTC());
        ObserveRequest observe = new ObserveRequest(telemetry);
        caching = ResponseCaching.create(settings.responseCache());
        CheckGuardrails checkGuardrails = new CheckGuardrails(Guardrails.create(settings.hostPolicy()),
                CheckGuardrails.DEFAULT_MAX_HELD_BYTES);
        pipeline = new RequestPipeline(parseContext, router, admission, upstream, settings.unifiedBodyBytes(), recordUsage,
                observe, caching, checkGuardrails);
        proxyPipeline = new ProxyPipeline(parseContext, router, admission, upstream, settings.proxyReplayMemoryBytes(),
                settings.maxRequestBodyBytes(), new SpoolSpace(settings.proxyReplayTempMaxBytes()), recordUsage, observe,
                checkGuardrails);
        dialects = new Dialects(settings.responseStore());
        callThreads = CallThreads.start(settings.maxCallsInFlight());
        telemetry.metrics().gauge("gatehouse_calls_in_flight", "Calls (requests being answered) held now.",
                callThreads::inFlight);
        telemetry.metrics().gauge("gatehouse_calls_max_in_flight", "Calls held at most; one more is refused with 503.",
                callThreads::maxInFlight);
        LOG.info(() -> "Gatehouse started: config " + settings.configDir() + ", " + providers.slugs().size()
                + " providers, calls on " + (callThreads.virtual() ? "virtual threads" : "platform threads") + " (at most "
                + callThreads.maxInFlight() + " at once), "
                + saved.all().size() + " saved configs " + saved.all().keySet() + ", "
                + LiveAccessConfig.describe(access.get()) + ", traces "
                + (telemetry.tracing() ? "exported over OTLP" : "off (no OTLP endpoint)"));
        LOG.warning(() -> "*** Network policy: " + settings.hostPolicy().describePrivateNetworks()
                + "; cloud metadata endpoints " + (settings.hostPolicy().refuseMetadata() ? "refused" : "ALLOWED") + " ***");
    }

    /** Metrics always; traces when an OTLP endpoint is configured. Ready once the configuration is in force. */
    private Telemetry startTelemetry(GatewaySettings settings) {
        TelemetrySettings telemetrySettings;
        try {
            telemetrySettings = TelemetrySettings.load(settings.configDir(), System::getenv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read telemetry settings", e);
        }
        Telemetry started = Telemetry.start(telemetrySettings);
        started.readiness().register("configuration", () -> access.get() == null ? "not loaded" : null);
        return started;
    }

    /** The request log, or null when it is turned off or its store could not be opened (the gateway serves on). */
    private RequestLog startRequestLog() {
        if (!settings.requestLog().enabled()) {
            return null;
        }
        try {
            return RequestLog.start(settings.requestLog(), Clock.systemUTC());
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.SEVERE, "The request log's store could not be opened; requests are not logged", e);
            return null;
        }
    }

    /** Builds the runtime at deployment, so a bad configuration fails the start, not the first request. */
    void eagerStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        pipeline();
    }

    @PreDestroy
    void stop() {
        if (callThreads != null) {
            callThreads.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (watch != null) {
            watch.close();
        }
        if (counters != null) {
            counters.close();
        }
        if (dialects != null) {
            dialects.close();
        }
        if (telemetry != null) {
            telemetry.close();
        }
        if (caching != null) {
            caching.close();
        }
        if (requestLog != null) {
            requestLog.close();
        }
    }

    /** The request log, or null when there is none. */
    public RequestLog requestLog() {
        return requestLog;
    }

    public GatewaySettings settings() {
        return settings;
    }

    /** The gateway keys, catalog and pricing in force. */
    public LiveAccessConfig access() {
        return access;
    }

    /** The limits of gateway keys and catalog entries, and what is left of them. */
    public Admission admission() {
        return admission;
    }

    public RequestPipeline pipeline() {
        return pipeline;
    }

    public ProxyPipeline proxyPipeline() {
        return proxyPipeline;
    }

    /** Where in-flight calls run, off the container's threads. */
    public CallThreads callThreads() {
        return callThreads;
    }

    /** Metrics, traces and readiness checks. */
    public Telemetry telemetry() {
        return telemetry;
    }

    /** The Anthropic Messages and OpenAI Responses routes. */
    public Dialects dialects() {
        return dialects;
    }
}
