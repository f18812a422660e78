package io.gatehouse.pipeline;

import io.gatehouse.context.RequestContext;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.provider.RerankTranslating;
import io.gatehouse.routing.ResolvedTarget;
import java.net.URI;

/**
 * {@code POST /v1/rerank}, Cohere's shape. A provider whose rerank API is Cohere's (Cohere, Jina, a
 * Cohere-compatible server behind {@code openai-compatible}) gets the client's bytes at
 * {@code {proxy base}/rerank}, exactly where the catch-all proxy sent them before this route existed, and
 * its answer comes back unchanged; a provider with its own rerank API (Bedrock) is translated both ways.
 */
public final class RerankIngress implements Ingress {
    public static final RerankIngress INSTANCE = new RerankIngress();

    private RerankIngress() {
    }

    @Override
    public Capability capability() {
        return Capability.RERANK;
    }

    @Override
    public UnifiedCall call(RequestContext ctx, ResolvedTarget target, JsonBody body) {
        ProviderSpec provider = target.provider();
        ProviderCall call = BuildUpstreamRequest.providerCall(ctx, target, target.apiKey());
        if (provider.api() instanceof RerankTranslating translating) {
            return TranslateRequest.rerank(ctx, target, body, translating, call);
        }
        Endpoint endpoint = new Endpoint(URI.create(provider.proxyBase(target.customHost()) + Capability.RERANK.openAiPath()),
                provider.authHeaders(target.apiKey()));
        return BuildUpstreamRequest.passThrough(ctx, target, "POST", endpoint, body, StreamEnd.OPENAI_CHAT);
    }
}
