package io.gatehouse.api;

import io.gatehouse.config.ResponseStoreSettings;
import io.gatehouse.ingress.anthropic.MessagesDialect;
import io.gatehouse.ingress.responses.ResponseStore;
import io.gatehouse.ingress.responses.ResponsesDialect;

/** The client dialects, built once and shared by every request; owns the Responses store. */
public final class Dialects implements AutoCloseable {
    private final MessagesDialect messages = new MessagesDialect();
    private final ResponseStore responseStore;
    private final ResponsesDialect responses;

    Dialects(ResponseStoreSettings storeSettings) {
        this.responseStore = new ResponseStore(storeSettings);
        this.responses = new ResponsesDialect(responseStore);
    }

    /** {@code /v1/messages} and {@code /v1/messages/count_tokens}. */
    public MessagesDialect messages() {
        return messages;
    }

    /** {@code /v1/responses} and its stored-response routes. */
    public ResponsesDialect responses() {
        return responses;
    }

    @Override
    public void close() {
        responseStore.close();
    }
}
