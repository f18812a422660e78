package io.gatehouse.ingress.anthropic;

import io.gatehouse.error.GatewayException;
import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.ChatResponse;
import io.gatehouse.model.ClientChat;
import io.gatehouse.model.ClientStream;
import io.gatehouse.model.ProviderError;
import jakarta.json.JsonObject;
import java.io.OutputStream;

/** A Messages request bound for a provider that does not speak it, answered in the Messages API's format. */
record MessagesChat(ChatRequest chat) implements ClientChat {

    @Override
    public JsonObject answer(ChatResponse response, String provider, long created) {
        return MessagesAnswers.message(response, chat);
    }

    @Override
    public ClientStream stream(OutputStream out, String provider, long created) {
        return new MessagesStreamWriter(out, provider, chat.model());
    }

    @Override
    public JsonObject providerError(ProviderError error, String provider, int status) {
        return MessagesAnswers.providerError(error, provider, status);
    }

    @Override
    public byte[] gatewayError(GatewayException error) {
        return MessagesAnswers.gatewayError(error);
    }
}
