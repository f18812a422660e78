package io.gatehouse.api;

import io.gatehouse.ingress.anthropic.MessagesDialect;
import io.gatehouse.pipeline.Ingress;

/** The client dialects' routes, built once: each is stateless and shared by every request. */
public final class Dialects {
    private final Ingress messages;
    private final Ingress countTokens;

    Dialects() {
        MessagesDialect anthropic = new MessagesDialect();
        this.messages = anthropic.messages();
        this.countTokens = anthropic.countTokens();
    }

    /** {@code POST /v1/messages}. */
    public Ingress messages() {
        return messages;
    }

    /** {@code POST /v1/messages/count_tokens}. */
    public Ingress countTokens() {
        return countTokens;
    }
}
