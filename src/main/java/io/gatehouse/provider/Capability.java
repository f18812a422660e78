package io.gatehouse.provider;

/** What a client can ask a provider for on a unified route, and the path it has on OpenAI-shaped APIs. */
public enum Capability {
    CHAT_COMPLETIONS("chat completions", "/chat/completions"),
    COMPLETIONS("completions", "/completions"),
    EMBEDDINGS("embeddings", "/embeddings"),
    /** Cohere-shaped rerank ({@code model}, {@code query}, {@code documents}, {@code top_n}): Cohere's API, not OpenAI's. */
    RERANK("rerank", "/rerank");

    private final String displayName;
    private final String openAiPath;

    Capability(String displayName, String openAiPath) {
        this.displayName = displayName;
        this.openAiPath = openAiPath;
    }

    public String displayName() {
        return displayName;
    }

    public String openAiPath() {
        return openAiPath;
    }
}
