package io.gatehouse.pipeline;

import io.gatehouse.context.HeaderPolicy;
import io.gatehouse.context.RequestContext;
import io.gatehouse.error.GatewayException;
import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.EmbeddingsRequest;
import io.gatehouse.model.openai.OpenAiRequests;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.EmbeddingsTranslating;
import io.gatehouse.provider.EmbeddingsTranslator;
import io.gatehouse.provider.NativeRequest;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.TranslatingApi;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.upstream.RequestBody;
import io.gatehouse.upstream.UpstreamRequest;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * Stage 3b: the upstream request for a provider with its own API. The client's OpenAI body (with any
 * override params merged in) is read into the canonical model, then the provider's mapper writes the
 * native URL, headers and body. Headers cross by the same policy as on the pass-through path.
 */
final class TranslateRequest {
    private TranslateRequest() {
    }

    static Translation build(RequestContext ctx, ResolvedTarget target, Capability capability, JsonBody body,
                             TranslatingApi api, ProviderCall call) {
        JsonObject openAi = BuildUpstreamRequest.mergedBody(target, body);
        String provider = target.provider().slug();
        return switch (capability) {
            case CHAT_COMPLETIONS -> {
                ChatRequest chat = OpenAiRequests.chat(openAi);
                yield new Translation.Chat(upstream(ctx, target, api.chat().request(chat, call)), provider, api, chat);
            }
            case EMBEDDINGS -> {
                EmbeddingsTranslator translator = ((EmbeddingsTranslating) api).embeddings();
                EmbeddingsRequest embeddings = OpenAiRequests.embeddings(openAi);
                yield new Translation.Embeddings(upstream(ctx, target, translator.request(embeddings, call)), provider, api,
                        translator, embeddings);
            }
            // ProviderSpec refuses translating providers that claim legacy completions; ResolveTarget checks the rest.
            case COMPLETIONS -> throw GatewayException.badRequest("unsupported_capability",
                    "Provider '" + provider + "' does not support " + capability.displayName());
        };
    }

    private static UpstreamRequest upstream(RequestContext ctx, ResolvedTarget target, NativeRequest nativeRequest) {
        return new UpstreamRequest(
                "POST",
                nativeRequest.endpoint().uri(),
                HeaderPolicy.unifiedUpstreamHeaders(ctx.headers(), nativeRequest.endpoint().headers(),
                        target.provider().passThroughHeaders(), target.forwardHeaders()),
                RequestBody.of(nativeRequest.body().toString().getBytes(StandardCharsets.UTF_8)),
                target.requestTimeout());
    }
}
