package io.gatehouse.provider.vertex;

import io.gatehouse.error.GatewayException;
import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.ChatResponse;
import io.gatehouse.model.Json;
import io.gatehouse.provider.ChatTranslator;
import io.gatehouse.provider.NativeRequest;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.StreamTranslator;
import io.gatehouse.provider.anthropic.AnthropicProvider;
import io.gatehouse.provider.google.GoogleProvider;
import jakarta.json.JsonObject;

/**
 * Chat on Vertex AI, by the model's publisher: Gemini's API for {@code google} models, Anthropic's Messages API
 * for {@code anthropic} ones, each mapped by its own provider's mapper at Vertex's address. Claude's body differs
 * from Anthropic's in two members only: no {@code model} (the URL names it) and
 * {@code "anthropic_version": "vertex-2023-10-16"}.
 */
final class VertexChatMapper implements ChatTranslator {
    private final ChatTranslator gemini = GoogleProvider.chatAt((call, model, stream) ->
            VertexProvider.endpoint(call, VertexModel.parse(model), stream ? "streamGenerateContent?alt=sse" : "generateContent"));
    private final ChatTranslator claude = AnthropicProvider.chatAt((call, model, stream) ->
            VertexProvider.endpoint(call, VertexModel.parse(model), stream ? "streamRawPredict" : "rawPredict"));

    @Override
    public NativeRequest request(ChatRequest request, ProviderCall call) {
        ChatTranslator translator = translator(request.model());
        NativeRequest translated = translator.request(request, call);
        if (translator != claude) {
            return translated;
        }
        JsonObject body = Json.PROVIDER.createObjectBuilder(translated.body()).remove("model")
                .add("anthropic_version", VertexProvider.ANTHROPIC_VERSION).build();
        return new NativeRequest(translated.endpoint(), body);
    }

    @Override
    public ChatResponse response(JsonObject body, ChatRequest request) {
        return translator(request.model()).response(body, request);
    }

    @Override
    public StreamTranslator stream(ChatRequest request) {
        return translator(request.model()).stream(request);
    }

    private ChatTranslator translator(String model) {
        VertexModel parsed = VertexModel.parse(model);
        return switch (parsed.publisher()) {
            case VertexModel.GOOGLE -> gemini;
            case VertexModel.ANTHROPIC -> claude;
            default -> throw GatewayException.badRequest("unsupported_model", "vertex-ai: chat with " + parsed.publisher()
                    + " models is not supported (google and anthropic models are)");
        };
    }
}
