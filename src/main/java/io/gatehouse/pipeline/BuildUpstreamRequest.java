package io.gatehouse.pipeline;

import io.gatehouse.context.RequestContext;
import io.gatehouse.http.HeaderPolicy;
import io.gatehouse.model.JsonMerge;
import io.gatehouse.provider.ApiTrait;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.PassThroughApi;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.provider.TranslatesErrors;
import io.gatehouse.provider.TranslatingApi;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.upstream.RequestBody;
import io.gatehouse.upstream.UpstreamRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.nio.charset.StandardCharsets;

/**
 * Stage 3a: the upstream request for a unified route. OpenAI-format providers get the client's bytes at
 * the provider's endpoint (URL and auth by the provider: Azure's differ); providers with their own API
 * get a translated request ({@link TranslateRequest}).
 */
public final class BuildUpstreamRequest {
    private BuildUpstreamRequest() {
    }

    public static UnifiedCall unified(RequestContext ctx, ResolvedTarget target, Capability capability, JsonBody body) {
        ProviderCall call = providerCall(ctx, target, target.apiKey());
        if (target.provider().api() instanceof TranslatingApi translating) {
            return TranslateRequest.build(ctx, target, capability, body, translating, call);
        }
        Endpoint endpoint = ((PassThroughApi) target.provider().api()).endpoint(capability, call);
        boolean translatesErrors = target.provider().api() instanceof TranslatesErrors;
        // Streams are metered too: ask for the usage chunk when the client did not and the provider accepts it.
        boolean askUsage = body.stream() && !body.includeUsage() && !translatesErrors
                && target.provider().has(ApiTrait.STREAM_USAGE_OPTION);
        UpstreamRequest request = passThroughRequest(ctx, target, "POST", endpoint, bodyFor(target, body, askUsage));
        if (target.provider().api() instanceof TranslatesErrors errors) {
            return new UnifiedCall.PassThroughTranslatingErrors(request, target.provider().slug(), errors.errors());
        }
        return new UnifiedCall.PassThrough(request, askUsage);
    }

    /**
     * A call to a provider's own endpoint for the client's API (Anthropic's Messages for a Messages client,
     * OpenAI's Responses for a Responses client): the client's body with override params merged in, headers
     * by the unified policy (the provider's own pass-through headers included), the answer relayed as it comes.
     *
     * @param body the client's body, or null for a request without one (GET, DELETE)
     * @param end  how the API's event streams end, for the relay
     */
    public static UnifiedCall passThrough(RequestContext ctx, ResolvedTarget target, String method, Endpoint endpoint,
                                          JsonBody body, StreamEnd end) {
        return new UnifiedCall.PassThrough(passThroughRequest(ctx, target, method, endpoint,
                body == null ? null : bodyFor(target, body)), false, end);
    }

    /**
     * The facts a provider needs to address one call. A catalog entry's provider options are its own: no
     * {@code x-portkey-*} header may re-address its credentials.
     *
     * @param apiKey the provider key for this call
     */
    public static ProviderCall providerCall(RequestContext ctx, ResolvedTarget target, String apiKey) {
        return new ProviderCall(target.provider(), apiKey, target.customHost(),
                target.entry() != null ? ctx.headers().withoutGatewayHeaders() : ctx.headers(),
                target.providerOptions()::text, target.entry() != null);
    }

    private static UpstreamRequest passThroughRequest(RequestContext ctx, ResolvedTarget target, String method,
                                                      Endpoint endpoint, byte[] body) {
        return new UpstreamRequest(
                method,
                endpoint.uri(),
                HeaderPolicy.unifiedUpstreamHeaders(ctx.headers(), endpoint.headers(),
                        target.provider().passThroughHeaders(), target.forwardHeaders()),
                body == null ? null : RequestBody.of(body),
                target.requestTimeout());
    }

    /**
     * The upstream request for a proxied path: the provider's API base (or custom host) with the client's
     * path and query as sent, every client header the policy lets through plus the provider's credentials,
     * and the client's body byte for byte ({@code override_params} do not apply: the body is never parsed).
     */
    public static UpstreamRequest proxy(RequestContext ctx, ResolvedTarget target, String method, ProxyPath path,
                                        RequestBody body) {
        ProviderSpec provider = target.provider();
        return new UpstreamRequest(
                method,
                path.upstreamUri(provider.proxyBase(target.customHost())),
                HeaderPolicy.proxyUpstreamHeaders(ctx.headers(), provider.auth().headersFor(target.apiKey()),
                        provider.fixedHeaders(), target.forwardHeaders()),
                body,
                target.requestTimeout());
    }

    /**
     * The client's bytes unchanged, unless override params must be merged in (the body is re-serialised) or
     * the model must lose its {@code @slug/} prefix (only the model's bytes change).
     */
    static byte[] bodyFor(ResolvedTarget target, JsonBody body) {
        return bodyFor(target, body, false);
    }

    /** @param askUsage whether to add {@code "stream_options": {"include_usage": true}} */
    static byte[] bodyFor(ResolvedTarget target, JsonBody body, boolean askUsage) {
        boolean hasStreamOptions = askUsage && !JsonMembers.valueSpans(body.raw(), "stream_options").isEmpty();
        if (hasOverrides(target) || hasStreamOptions) {
            JsonObject merged = mergedBody(target, body);
            if (askUsage) {
                merged = JsonMerge.deepMerge(merged, USAGE_REQUEST);
            }
            return merged.toString().getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = body.raw();
        if (target.model() != null && body.model() != null && !body.model().equals(target.model())) {
            bytes = JsonMembers.replaceString(bytes, "model", target.model());
        }
        return askUsage ? JsonMembers.prepend(bytes, "\"stream_options\":{\"include_usage\":true}") : bytes;
    }

    private static final JsonObject USAGE_REQUEST = JsonProvider.provider().createObjectBuilder()
            .add("stream_options", JsonProvider.provider().createObjectBuilder().add("include_usage", true)).build();

    /** The client's body as an object, override params merged in, the model as the provider is asked for it. */
    public static JsonObject mergedBody(ResolvedTarget target, JsonBody body) {
        JsonObject merged = hasOverrides(target) ? JsonMerge.deepMerge(body.toJsonObject(), target.overrideParams()) : body.toJsonObject();
        if (target.model() != null && merged.get("model") instanceof JsonString model && !model.getString().equals(target.model())) {
            return JsonProvider.provider().createObjectBuilder(merged).add("model", target.model()).build();
        }
        return merged;
    }

    private static boolean hasOverrides(ResolvedTarget target) {
        return target.overrideParams() != null && !target.overrideParams().isEmpty();
    }
}
