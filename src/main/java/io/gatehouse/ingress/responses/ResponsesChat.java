package io.gatehouse.ingress.responses;

import io.gatehouse.error.ErrorBody;
import io.gatehouse.error.GatewayException;
import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.ChatResponse;
import io.gatehouse.model.ClientChat;
import io.gatehouse.model.ClientStream;
import io.gatehouse.model.ProviderError;
import io.gatehouse.model.openai.OpenAiResponses;
import jakarta.json.JsonObject;
import java.io.OutputStream;

/**
 * A Responses request bound for a provider that does not speak it: answered as a {@code response} object or
 * the Responses event stream, and — unless the client said {@code "store": false} — kept in the gateway's
 * store once finished, so it can be retrieved and continued. Errors take OpenAI's shape.
 */
record ResponsesChat(ResponsesRequest request, ResponseStore.Shelf store) implements ClientChat {

    @Override
    public ChatRequest chat() {
        return request.chat();
    }

    @Override
    public JsonObject answer(ChatResponse response, String provider, long created) {
        ResponsesAnswers.Snapshot finished = ResponsesAnswers.finished(response, request, created);
        JsonObject answer = ResponsesAnswers.response(finished, request);
        if (request.store() && !keep(answer)) {
            return ResponsesAnswers.response(new ResponsesAnswers.Snapshot(finished.id(), finished.createdAt(), finished.model(),
                    finished.status(), finished.finishReason(), finished.output(), finished.usage(), false, null), request);
        }
        return answer;
    }

    @Override
    public ClientStream stream(OutputStream out, String provider, long created) {
        return new ResponsesStreamWriter(out, provider, request, created, this::keep);
    }

    private boolean keep(JsonObject response) {
        return store.put(response, request.inputItems());
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
