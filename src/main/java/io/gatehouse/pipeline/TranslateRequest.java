package io.gatehouse.pipeline;

import io.gatehouse.context.RequestContext;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.HeaderPolicy;
import io.gatehouse.model.ClientChat;
import io.gatehouse.model.EmbeddingsRequest;
import io.gatehouse.model.openai.OpenAiChat;
import io.gatehouse.model.openai.OpenAiRequests;
import io.gatehouse.provider.CanonicalChat;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ChatTranslator;
import io.gatehouse.provider.EmbeddingsTranslating;
import io.gatehouse.provider.EmbeddingsTranslator;
import io.gatehouse.provider.NativeRequest;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.provider.RerankTranslating;
import io.gatehouse.provider.RerankTranslator;
import io.gatehouse.provider.TranslatingApi;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.upstream.RequestBody;
import io.gatehouse.upstream.UpstreamRequest;
import jakarta.json.JsonObject;

/**
 * Stage 3b: the upstream request for a provider that does not speak the client's API. The client's body
 * (with any override params merged in) is read into the canonical model — by OpenAI's reader on the OpenAI
 * routes, by the client's dialect on the others — then the provider's mapper writes the native URL, headers
 * and body. Headers cross by the same policy as on the pass-through path.
 */
public final class TranslateRequest {
    private TranslateRequest() {
    }

    static Translation build(RequestContext ctx, ResolvedTarget target, Capability capability, JsonBody body,
                             TranslatingApi api, ProviderCall call) {
        JsonObject openAi = BuildUpstreamRequest.mergedBody(target, body);
        String provider = target.provider().slug();
        return switch (capability) {
            case CHAT_COMPLETIONS -> chat(ctx, target, new OpenAiChat(OpenAiRequests.chat(openAi)), call);
            case EMBEDDINGS -> {
                EmbeddingsTranslator translator = ((EmbeddingsTranslating) api).embeddings();
                EmbeddingsRequest embeddings = OpenAiRequests.embeddings(openAi);
                yield new Translation.Embeddings(upstream(ctx, target, translator.request(embeddings, call)), provider,
                        api.errors(), translator, embeddings);
            }
            // ProviderSpec refuses translating providers that claim legacy completions; ResolveTarget checks the rest.
            // Rerank has its own ingress (RerankIngress).
            case COMPLETIONS, RERANK -> throw GatewayException.badRequest("unsupported_capability",
                    "Provider '" + provider + "' does not support " + capability.displayName());
        };
    }

    /**
     * A chat attempt from any client dialect: the canonical request goes to the target's provider in its own
     * API (OpenAI's, for pass-through providers), and the answer comes back in the client's format.
     */
    public static Translation.Chat chat(RequestContext ctx, ResolvedTarget target, ClientChat client, ProviderCall call) {
        ProviderSpec provider = target.provider();
        ChatTranslator translator = CanonicalChat.translator(provider);
        return new Translation.Chat(upstream(ctx, target, translator.request(client.chat(), call)), provider.slug(),
                translator, CanonicalChat.errors(provider), client);
    }

    /** A rerank attempt at a provider with its own rerank API: the Cohere-shaped body out, Cohere's shape back. */
    static Translation.Rerank rerank(RequestContext ctx, ResolvedTarget target, JsonBody body, RerankTranslating api,
                                     ProviderCall call) {
        JsonObject cohere = BuildUpstreamRequest.mergedBody(target, body);
        RerankTranslator translator = api.rerank();
        return new Translation.Rerank(upstream(ctx, target, translator.request(cohere, call)), target.provider().slug(),
                api.errors(), translator, cohere);
    }

    private static UpstreamRequest upstream(RequestContext ctx, ResolvedTarget target, NativeRequest nativeRequest) {
        return new UpstreamRequest(
                "POST",
                nativeRequest.endpoint().uri(),
                HeaderPolicy.unifiedUpstreamHeaders(ctx.headers(), nativeRequest.endpoint().headers(),
                        target.provider().passThroughHeaders(), target.forwardHeaders()),
                RequestBody.of(nativeRequest.bodyBytes()),
                target.requestTimeout());
    }
}
