package io.gatehouse.provider.vertex;

import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.ChatResponse;
import io.gatehouse.model.Json;
import io.gatehouse.provider.ChatTranslator;
import io.gatehouse.provider.NativeRequest;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.StreamTranslator;
import io.gatehouse.provider.anthropic.AnthropicProvider;
import io.gatehouse.provider.google.GoogleProvider;
import io.gatehouse.provider.openai.OpenAiChatMapper;
import jakarta.json.JsonObject;

/**
 * Chat on Vertex AI, by the model's publisher, each mapped by its own API's mapper at Vertex's address:
 * Gemini's API for {@code google} models; Anthropic's Messages API for {@code anthropic} ones, whose body differs
 * from Anthropic's in two members only (no {@code model}, the URL names it, and
 * {@code "anthropic_version": "vertex-2023-10-16"}); OpenAI's Chat Completions at Vertex's OpenAI-compatible
 * endpoint ({@code endpoints/openapi/chat/completions}) for the other publishers' models (Llama, Mistral …), named
 * there {@code publisher/model}.
 */
final class VertexChatMapper implements ChatTranslator {
    private final ChatTranslator gemini = GoogleProvider.chatAt((call, model, stream) ->
            VertexProvider.endpoint(call, VertexModel.parse(model), stream ? "streamGenerateContent?alt=sse" : "generateContent"));
    private final ChatTranslator claude = AnthropicProvider.chatAt((call, model, stream) ->
            VertexProvider.endpoint(call, VertexModel.parse(model), stream ? "streamRawPredict" : "rawPredict"));
    private final ChatTranslator partners = new OpenAiChatMapper((call, model, stream) ->
            VertexProvider.endpoint(call, "endpoints/openapi/chat/completions"));

    @Override
    public NativeRequest request(ChatRequest request, ProviderCall call) {
        VertexModel model = VertexModel.parse(request.model());
        ChatTranslator translator = translator(model);
        NativeRequest translated = translator.request(request, call);
        if (translator == claude) {
            return withBody(translated, Json.PROVIDER.createObjectBuilder(translated.body()).remove("model")
                    .add("anthropic_version", VertexProvider.ANTHROPIC_VERSION).build());
        }
        if (translator == partners) {
            return withBody(translated, Json.PROVIDER.createObjectBuilder(translated.body())
                    .add("model", model.publisher() + "/" + model.name()).build());
        }
        return translated;
    }

    private static NativeRequest withBody(NativeRequest request, JsonObject body) {
        return new NativeRequest(request.endpoint(), body);
    }

    @Override
    public ChatResponse response(JsonObject body, ChatRequest request) {
        return translator(VertexModel.parse(request.model())).response(body, request);
    }

    @Override
    public StreamTranslator stream(ChatRequest request) {
        return translator(VertexModel.parse(request.model())).stream(request);
    }

    private ChatTranslator translator(VertexModel model) {
        return switch (model.publisher()) {
            case VertexModel.GOOGLE -> gemini;
            case VertexModel.ANTHROPIC -> claude;
            default -> partners;
        };
    }
}
