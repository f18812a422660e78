package io.gatehouse.api;

import io.gatehouse.config.ConfigEnvironment;
import io.gatehouse.config.ConfigParser;
import io.gatehouse.config.GatewaySettings;
import io.gatehouse.config.SavedConfigs;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.pipeline.ProxyPipeline;
import io.gatehouse.pipeline.RequestPipeline;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.routing.ResolveProvider;
import io.gatehouse.routing.Router;
import io.gatehouse.upstream.UpstreamClient;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Logger;

/**
 * The gateway's long-lived parts, built once when the application starts from the configuration
 * directory ({@code -Dgatehouse.config}, {@code GATEHOUSE_CONFIG}, or {@code server-config/}).
 */
@ApplicationScoped
public class GatewayRuntime {
    private static final Logger LOG = Logger.getLogger(GatewayRuntime.class.getName());

    /** Saved routing configs: {@code <config dir>/configs/<id>.json}. */
    static final String SAVED_CONFIGS_DIR = "configs";

    private GatewaySettings settings;
    private Router router;
    private UpstreamClient upstream;
    private RequestPipeline pipeline;
    private ProxyPipeline proxyPipeline;
    private Dialects dialects;

    @PostConstruct
    void start() {
        ProviderRegistry providers = ProviderRegistry.defaults();
        ResolveProvider resolveProvider = new ResolveProvider(providers);
        SavedConfigs saved;
        try {
            settings = GatewaySettings.load(GatewaySettings.locateConfigDir());
            ConfigParser parser = new ConfigParser(new ConfigEnvironment(
                    settings.hostPolicy(), resolveProvider::isKnown, resolveProvider.validNames()));
            saved = SavedConfigs.load(settings.configDir().resolve(SAVED_CONFIGS_DIR), parser);
            router = Router.create(parser, saved, resolveProvider, settings.hostPolicy(), settings.retryTuning());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gateway settings", e);
        }
        upstream = new UpstreamClient(settings);
        pipeline = new RequestPipeline(new RequestContextParser(), router, upstream, settings.maxRequestBodyBytes());
        proxyPipeline = new ProxyPipeline(new RequestContextParser(), router, upstream, settings.proxyReplayMemoryBytes());
        dialects = new Dialects(settings.responseStore());
        LOG.info(() -> "Gatehouse started: config " + settings.configDir() + ", " + providers.slugs().size()
                + " providers, " + saved.all().size() + " saved configs " + saved.all().keySet());
    }

    /** Builds the runtime at deployment, so a bad configuration fails the start, not the first request. */
    void eagerStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        pipeline();
    }

    @PreDestroy
    void stop() {
        if (upstream != null) {
            upstream.close();
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

    /** The Anthropic Messages and OpenAI Responses routes. */
    public Dialects dialects() {
        return dialects;
    }

    public GatewaySettings settings() {
        return settings;
    }

    /** The routing core, for every route (unified and proxied). */
    public Router router() {
        return router;
    }
}
