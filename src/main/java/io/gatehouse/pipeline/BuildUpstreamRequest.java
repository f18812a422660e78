package io.gatehouse.pipeline;

import io.gatehouse.context.HeaderPolicy;
import io.gatehouse.context.RequestContext;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.upstream.RequestBody;
import io.gatehouse.upstream.UpstreamRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Stage 3a: the upstream request for a unified route: URL, headers by the header policy, body. */
public final class BuildUpstreamRequest {
    private BuildUpstreamRequest() {
    }

    public static UpstreamRequest unified(RequestContext ctx, ResolvedTarget target, Capability capability, JsonBody body) {
        URI uri = URI.create(target.provider().endpointUrl(target.customHost(), capability));
        return new UpstreamRequest(
                "POST",
                uri,
                HeaderPolicy.unifiedUpstreamHeaders(ctx.headers(), target.provider().authHeaders(target.apiKey()),
                        target.provider().passThroughHeaders(), target.forwardHeaders()),
                RequestBody.of(bodyFor(target, body)),
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
        return JsonMerge.deepMerge(body.toJsonObject(), target.overrideParams()).toString()
                .getBytes(StandardCharsets.UTF_8);
    }
}
