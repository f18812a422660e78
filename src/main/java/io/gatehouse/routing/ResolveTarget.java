package io.gatehouse.routing;

import io.gatehouse.access.CatalogEntry;
import io.gatehouse.context.RequestContext;
import io.gatehouse.egress.HostPolicy;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.GatewayHeaders;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.upstream.CheckedCustomHosts;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.function.Supplier;

/**
 * Applies a request's headers to a leaf's effective settings, giving the target of an attempt.
 * Request-level headers ({@code x-portkey-custom-host}, {@code x-portkey-forward-headers},
 * {@code x-portkey-request-timeout}) override every target, as in Portkey; the header provider and
 * {@code Authorization} apply where the config gives no provider or key.
 *
 * <p>The provider comes from, in order: the config target's {@code provider} / {@code virtual_key}, the
 * model string's {@code @slug} (the target's {@code override_params.model}, else the body's), the
 * {@code x-portkey-virtual-key} / {@code x-portkey-provider} header. A catalog entry ({@code @slug}) brings
 * its keys, host and provider options, which the request cannot replace; the caller's gateway key must
 * grant it, and the entry must allow the model.
 */
final class ResolveTarget {
    private final ResolveProvider providers;
    private final CheckedCustomHosts customHosts;

    ResolveTarget(ResolveProvider providers, HostPolicy hostPolicy) {
        this(providers, new CheckedCustomHosts(hostPolicy));
    }

    ResolveTarget(ResolveProvider providers, CheckedCustomHosts customHosts) {
        this.providers = providers;
        this.customHosts = customHosts;
    }

    /** A request for a unified capability with no body of interest (tests, simple callers). */
    ResolvedTarget resolve(Route.Leaf leaf, RequestContext ctx, Capability capability) {
        return resolve(leaf, ctx, new RouteRequest(capability, null, () -> null));
    }

    /**
     * @throws GatewayException when this target cannot be used for this request (a 4xx: don't fall back)
     */
    ResolvedTarget resolve(Route.Leaf leaf, RequestContext ctx, RouteRequest request) {
        TargetSettings settings = leaf.settings();
        Capability capability = request.capability();
        // Only unified routes read @slug/model: their body is JSON and may be rewritten; proxied bodies never are.
        ModelRef model = capability != null ? ModelRef.parse(requestedModel(settings, request)) : new ModelRef(null, null);
        String providerName = providerName(leaf, ctx, model);
        ResolveProvider.Choice choice = providers.choose(providerName);
        ProviderSpec provider = choice.provider();
        CatalogEntry entry = choice.entry();
        if (capability != null && !provider.supports(capability)) {
            throw GatewayException.badRequest("unsupported_capability",
                    "Provider '" + provider.slug() + "' does not support " + capability.displayName());
        }
        // A proxied body is read for its model only when an entry or a key restricts models.
        Supplier<String> askedFor = capability != null ? model::model : request.model();
        checkModel(entry, askedFor);
        ctx.caller().authorize(entry, provider.slug(), askedFor);
        String upstreamModel = capability != null ? model.model() : null;
        String customHost = entry != null ? catalogHost(entry, ctx, settings) : customHost(ctx, settings);
        provider.requireReachable(customHost); // refuses now when the provider needs a custom host and has none
        return new ResolvedTarget(
                provider,
                entry != null ? null : settings.apiKey() != null ? settings.apiKey() : ctx.bearerToken(),
                customHost,
                settings.overrideParams(),
                ctx.forwardHeaders() != null ? ctx.forwardHeaders() : settings.forwardHeaders(),
                ctx.requestTimeout() != null ? ctx.requestTimeout() : settings.requestTimeout(),
                leaf.path(),
                settings.retry(),
                entry != null ? entry.options() : settings.providerOptions(),
                entry,
                upstreamModel,
                settings.cache(),
                settings.hooks());
    }

    /** Whether {@code providerName} is a catalog entry with several keys, tried in turn after a 401 or 429. */
    boolean rotatesKeys(String providerName) {
        if (providerName == null) {
            return false;
        }
        try {
            CatalogEntry entry = providers.choose(providerName).entry();
            return entry != null && entry.keys().size() > 1;
        } catch (GatewayException unknown) {
            return false; // refused when routed
        }
    }

    /** The target's {@code override_params.model} when it sets one, else the body's. */
    private static String requestedModel(TargetSettings settings, RouteRequest request) {
        JsonObject overrides = settings.overrideParams();
        if (overrides != null && overrides.get("model") instanceof JsonString model) {
            return model.getString();
        }
        return request.model().get();
    }

    private static String providerName(Route.Leaf leaf, RequestContext ctx, ModelRef model) {
        String configured = leaf.settings().provider();
        if (configured != null && model.slug() != null && !configured.equalsIgnoreCase(model.slug())) {
            throw GatewayException.badRequest("conflicting_provider", "The config target at " + leaf.path() + " names provider '"
                    + configured + "' but the model string names catalog entry '" + model.slug() + "': give one of them");
        }
        String name = configured != null ? configured : model.slug() != null ? model.slug() : ctx.provider();
        if (name == null) {
            throw GatewayException.badRequest("missing_provider", ctx.config() == null
                    ? "Either x-portkey-config or x-portkey-provider header is required"
                    : "The config target at " + leaf.path() + " has no provider, and no x-portkey-provider header was sent");
        }
        return name;
    }

    private static void checkModel(CatalogEntry entry, Supplier<String> askedFor) {
        if (entry == null || !entry.models().restricts()) {
            return;
        }
        String model = askedFor.get();
        if (!entry.models().allows(model)) {
            throw new GatewayException(ErrorType.PERMISSION, "model_not_allowed",
                    "Model '" + model + "' is not allowed on catalog entry '@" + entry.slug() + "' (allowed: " + entry.models() + ")");
        }
    }

    /**
     * A catalog entry's host is its own: a request may not send its credentials elsewhere, so a custom host
     * from the header or the config is refused rather than silently ignored.
     */
    private static String catalogHost(CatalogEntry entry, RequestContext ctx, TargetSettings settings) {
        if (ctx.customHost() != null || settings.customHost() != null) {
            throw GatewayException.badRequest("custom_host_not_allowed", "Catalog entry '@" + entry.slug()
                    + "' has a fixed host: " + (ctx.customHost() != null ? GatewayHeaders.CUSTOM_HOST : "the config's custom_host")
                    + " cannot redirect its credentials");
        }
        if (settings.apiKey() != null) {
            throw GatewayException.badRequest("conflicting_provider", "Catalog entry '@" + entry.slug()
                    + "' brings its own keys: the config's api_key cannot be combined with it");
        }
        return entry.customHost();
    }

    /**
     * The header's custom host, else the config's. A host the client chose (the header, an inline config's
     * {@code custom_host}) is judged here against the host policy, its name resolved, with the caller in mind
     * (an open gateway's clients reach private networks only where the operator allows); a saved config's
     * host is the operator's. Credentials a saved config brings are the operator's too: like a catalog
     * entry's, they never go to a host the client chose.
     */
    private String customHost(RequestContext ctx, TargetSettings settings) {
        boolean open = ctx.caller().key() == null;
        if (ctx.customHost() == null) {
            if (settings.customHost() != null && !ctx.usesSavedConfig()) {
                customHosts.check(settings.customHost(), "the config's custom_host", open);
            }
            return settings.customHost();
        }
        if (ctx.usesSavedConfig() && (settings.apiKey() != null || !settings.providerOptions().isEmpty())) {
            throw GatewayException.badRequest("custom_host_not_allowed", "The saved config '" + ctx.config()
                    + "' brings the gateway's credentials: " + GatewayHeaders.CUSTOM_HOST + " cannot redirect them");
        }
        customHosts.check(ctx.customHost(), GatewayHeaders.CUSTOM_HOST, open);
        return ctx.customHost();
    }
}
