package io.gatehouse.api;

import io.gatehouse.access.AccessConfigLoader;
import io.gatehouse.access.LiveAccessConfig;
import io.gatehouse.access.WatchServerConfig;
import io.gatehouse.config.ConfigEnvironment;
import io.gatehouse.config.ConfigParser;
import io.gatehouse.config.GatewaySettings;
import io.gatehouse.config.SavedConfigs;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.limits.Admission;
import io.gatehouse.limits.JCacheCounters;
import io.gatehouse.pipeline.ProxyPipeline;
import io.gatehouse.pipeline.RecordUsage;
import io.gatehouse.pipeline.RequestPipeline;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.routing.ResolveProvider;
import io.gatehouse.routing.Router;
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
import java.time.Instant;
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
        RequestContextParser parseContext = new RequestContextParser(() -> access.get().keys());
        RecordUsage recordUsage = new RecordUsage(() -> access.get().pricing(), admission);
        pipeline = new RequestPipeline(parseContext, router, admission, upstream, settings.unifiedBodyBytes(), recordUsage);
        proxyPipeline = new ProxyPipeline(parseContext, router, admission, upstream, settings.proxyReplayMemoryBytes(),
                settings.maxRequestBodyBytes(), new SpoolSpace(settings.proxyReplayTempMaxBytes()), recordUsage);
        dialects = new Dialects(settings.responseStore());
        callThreads = CallThreads.start(settings.maxCallsInFlight());
        LOG.info(() -> "Gatehouse started: config " + settings.configDir() + ", " + providers.slugs().size()
                + " providers, calls on " + (callThreads.virtual() ? "virtual threads" : "platform threads") + " (at most "
                + callThreads.maxInFlight() + " at once), "
                + saved.all().size() + " saved configs " + saved.all().keySet() + ", "
                + LiveAccessConfig.describe(access.get()));
        LOG.warning(() -> "*** Network policy: " + settings.hostPolicy().describePrivateNetworks()
                + "; cloud metadata endpoints " + (settings.hostPolicy().refuseMetadata() ? "refused" : "ALLOWED") + " ***");
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

    /** The Anthropic Messages and OpenAI Responses routes. */
    public Dialects dialects() {
        return dialects;
    }
}
