package io.gatehouse.model.openai;

import io.gatehouse.error.ErrorBody;
import io.gatehouse.error.GatewayException;
import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.ChatResponse;
import io.gatehouse.model.ClientChat;
import io.gatehouse.model.ClientStream;
import io.gatehouse.model.ProviderError;
import jakarta.json.JsonObject;
import java.io.OutputStream;

/** A Chat Completions request, answered as OpenAI's JSON and {@code chat.completion.chunk} events. */
public record OpenAiChat(ChatRequest chat) implements ClientChat {

    @Override
    public JsonObject answer(ChatResponse response, String provider, long created) {
        return OpenAiResponses.chatCompletion(response, provider, chat.model(), created);
    }

    @Override
    public ClientStream stream(OutputStream out, String provider, long created) {
        return new OpenAiChunkWriter(out, provider, chat.model(), chat.includeUsage(), created);
    }

    @Override
    public JsonObject providerError(ProviderError error, String provider, int status) {
        return OpenAiResponses.error(error, provider);
    }

    @Override
    public byte[] gatewayError(GatewayException error) {
        return ErrorBody.of(error);
    }
}
