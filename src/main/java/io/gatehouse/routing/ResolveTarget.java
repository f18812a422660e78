package io.gatehouse.routing;

import io.gatehouse.context.GatewayHeaders;
import io.gatehouse.context.RequestContext;
import io.gatehouse.error.GatewayException;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.upstream.CheckedCustomHosts;
import io.gatehouse.upstream.HostPolicy;

/**
 * Applies a request's headers to a leaf's effective settings, giving the target of an attempt.
 * Request-level headers ({@code x-portkey-custom-host}, {@code x-portkey-forward-headers},
 * {@code x-portkey-request-timeout}) override every target, as in Portkey; the header provider and
 * {@code Authorization} apply where the config gives no provider or key.
 */
final class ResolveTarget {
    private final ResolveProvider providers;
    private final CheckedCustomHosts customHosts;

    ResolveTarget(ResolveProvider providers, HostPolicy hostPolicy) {
        this.providers = providers;
        this.customHosts = new CheckedCustomHosts(hostPolicy);
    }

    /**
     * @param capability the unified capability, or null for a proxied path (no capability check)
     * @throws GatewayException when this target cannot be used for this request (a 4xx: don't fall back)
     */
    ResolvedTarget resolve(Route.Leaf leaf, RequestContext ctx, Capability capability) {
        TargetSettings settings = leaf.settings();
        String providerName = settings.provider() != null ? settings.provider() : ctx.provider();
        if (providerName == null) {
            throw GatewayException.badRequest("missing_provider", ctx.config() == null
                    ? "Either x-portkey-config or x-portkey-provider header is required"
                    : "The config target at " + leaf.path() + " has no provider, and no x-portkey-provider header was sent");
        }
        ProviderSpec provider = providers.resolve(providerName);
        if (capability != null && !provider.supports(capability)) {
            throw GatewayException.badRequest("unsupported_capability",
                    "Provider '" + provider.slug() + "' does not support " + capability.displayName());
        }
        String customHost = customHost(ctx, settings);
        provider.requireReachable(customHost); // refuses now when the provider needs a custom host and has none
        return new ResolvedTarget(
                provider,
                settings.apiKey() != null ? settings.apiKey() : ctx.bearerToken(),
                customHost,
                settings.overrideParams(),
                ctx.forwardHeaders() != null ? ctx.forwardHeaders() : settings.forwardHeaders(),
                ctx.requestTimeout() != null ? ctx.requestTimeout() : settings.requestTimeout(),
                leaf.path(),
                settings.retry(),
                settings.cache(),
                settings.strictOpenAiCompliance(),
                settings.providerOptions());
    }

    /** The header's custom host (policy-checked here), else the config's (checked when the config was loaded). */
    private String customHost(RequestContext ctx, TargetSettings settings) {
        if (ctx.customHost() == null) {
            return settings.customHost();
        }
        customHosts.check(ctx.customHost(), GatewayHeaders.CUSTOM_HOST);
        return ctx.customHost();
    }
}
