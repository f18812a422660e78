package io.gatehouse.api;

import io.gatehouse.config.ResponseStoreSettings;
import io.gatehouse.ingress.anthropic.MessagesDialect;
import io.gatehouse.ingress.responses.ResponseStore;
import io.gatehouse.ingress.responses.ResponsesDialect;
import io.gatehouse.pipeline.Ingress;

/** The client dialects' routes, built once and shared by every request; owns the Responses store. */
public final class Dialects implements AutoCloseable {
    private final Ingress messages;
    private final Ingress countTokens;
    private final ResponseStore responseStore;
    private final ResponsesDialect responses;

    Dialects(ResponseStoreSettings storeSettings) {
        MessagesDialect anthropic = new MessagesDialect();
        this.messages = anthropic.messages();
        this.countTokens = anthropic.countTokens();
        this.responseStore = new ResponseStore(storeSettings);
        this.responses = new ResponsesDialect(responseStore);
    }

    /** {@code POST /v1/messages}. */
    public Ingress messages() {
        return messages;
    }

    /** {@code POST /v1/messages/count_tokens}. */
    public Ingress countTokens() {
        return countTokens;
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
