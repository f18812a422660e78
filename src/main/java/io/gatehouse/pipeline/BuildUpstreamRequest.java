package io.gatehouse.pipeline;

import io.gatehouse.context.HeaderPolicy;
import io.gatehouse.context.RequestContext;
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
        ProviderCall call = new ProviderCall(target.provider(), target.apiKey(), target.customHost(), ctx.headers(),
                target.providerOptions()::string);
        if (target.provider().api() instanceof TranslatingApi translating) {
            return TranslateRequest.build(ctx, target, capability, body, translating, call);
        }
        Endpoint endpoint = ((PassThroughApi) target.provider().api()).endpoint(capability, call);
        UpstreamRequest request = passThroughRequest(ctx, target, "POST", endpoint, body);
        if (target.provider().api() instanceof TranslatesErrors errors) {
            return new UnifiedCall.PassThroughTranslatingErrors(request, target.provider().slug(), errors.errors());
        }
        return new UnifiedCall.PassThrough(request);
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
        return new UnifiedCall.PassThrough(passThroughRequest(ctx, target, method, endpoint, body), end);
    }

    private static UpstreamRequest passThroughRequest(RequestContext ctx, ResolvedTarget target, String method,
                                                      Endpoint endpoint, JsonBody body) {
        return new UpstreamRequest(
                method,
                endpoint.uri(),
                HeaderPolicy.unifiedUpstreamHeaders(ctx.headers(), endpoint.headers(),
                        target.provider().passThroughHeaders(), target.forwardHeaders()),
                body == null ? null : RequestBody.of(bodyFor(target, body)),
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
                path.upstreamUri(provider.apiBase(target.customHost())),
                HeaderPolicy.proxyUpstreamHeaders(ctx.headers(), provider.auth().headersFor(target.apiKey()),
                        provider.fixedHeaders(), target.forwardHeaders()),
                body,
                target.requestTimeout());
    }

    /** The client's bytes unchanged, unless override params must be merged in. */
    static byte[] bodyFor(ResolvedTarget target, JsonBody body) {
        if (target.overrideParams() == null || target.overrideParams().isEmpty()) {
            return body.raw();
        }
        return mergedBody(target, body).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The client's body as an object, override params merged in. */
    public static JsonObject mergedBody(ResolvedTarget target, JsonBody body) {
        if (target.overrideParams() == null || target.overrideParams().isEmpty()) {
            return body.toJsonObject();
        }
        return JsonMerge.deepMerge(body.toJsonObject(), target.overrideParams());
    }
}
