package io.gatehouse.routing;

import io.gatehouse.context.CustomHost;
import io.gatehouse.context.GatewayHeaders;
import io.gatehouse.context.RequestContext;
import io.gatehouse.error.GatewayException;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.upstream.HostPolicy;
import jakarta.json.JsonObject;

/**
 * Stage 2 of the request path: decides where the request goes from the gateway headers and a
 * single-target {@code x-portkey-config}. Request-level headers win over config fields
 * ({@code x-portkey-custom-host}, {@code x-portkey-forward-headers}, {@code x-portkey-request-timeout}),
 * config credentials win over {@code Authorization}, as in Portkey.
 */
public final class ResolveTarget {
    private static final String ROOT = "config";

    private final ProviderRegistry providers;
    private final HostPolicy hostPolicy;

    public ResolveTarget(ProviderRegistry providers, HostPolicy hostPolicy) {
        this.providers = providers;
        this.hostPolicy = hostPolicy;
    }

    /** @param capability the unified capability, or null for a proxied path (no capability check) */
    public ResolvedTarget resolve(RequestContext ctx, Capability capability) {
        JsonObject config = ctx.config() == null ? JsonObject.EMPTY_JSON_OBJECT : ctx.config();
        rejectUnsupportedShapes(config);

        String providerSlug = ConfigFields.string(config, "provider", ROOT);
        if (providerSlug == null) {
            providerSlug = ctx.provider();
        }
        if (providerSlug == null) {
            throw GatewayException.badRequest("missing_provider", ctx.config() == null
                    ? "Either x-portkey-config or x-portkey-provider header is required"
                    : "The x-portkey-config header has no provider, and no x-portkey-provider header was sent");
        }
        ProviderSpec provider = providers.resolve(providerSlug);
        if (capability != null && !provider.supports(capability)) {
            throw GatewayException.badRequest("unsupported_capability",
                    "Provider '" + provider.slug() + "' does not support " + capability.displayName());
        }

        String apiKey = ConfigFields.string(config, "api_key", ROOT);
        String customHost = customHost(ctx, config);
        provider.requireReachable(customHost); // refuses now when the provider needs a custom host and has none

        return new ResolvedTarget(
                provider,
                apiKey != null ? apiKey : ctx.bearerToken(),
                customHost,
                ConfigFields.object(config, "override_params", ROOT),
                ctx.forwardHeaders() != null ? ctx.forwardHeaders() : ConfigFields.stringList(config, "forward_headers", ROOT),
                ctx.requestTimeout() != null ? ctx.requestTimeout() : ConfigFields.millis(config, "request_timeout", ROOT),
                ROOT);
    }

    private String customHost(RequestContext ctx, JsonObject config) {
        String fromHeader = ctx.customHost();
        String host = fromHeader != null ? fromHeader : ConfigFields.string(config, "custom_host", ROOT);
        if (host == null) {
            return null;
        }
        String source = fromHeader != null ? GatewayHeaders.CUSTOM_HOST : "config.custom_host";
        hostPolicy.checkUrl(CustomHost.parse(host, source), source);
        return host;
    }

    private static void rejectUnsupportedShapes(JsonObject config) {
        if (config.containsKey("options")) {
            throw GatewayException.badRequest("invalid_config",
                    "This version of config is not supported in this route. Please migrate to the latest version");
        }
        if (config.containsKey("targets") || config.containsKey("strategy")) {
            throw GatewayException.badRequest("invalid_config",
                    "Routing strategies (strategy/targets) are not enabled in this build");
        }
    }
}
