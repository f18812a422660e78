package io.gatehouse.model;

/** Why a choice ended, as OpenAI names it. */
public enum FinishReason {
    STOP("stop"),
    LENGTH("length"),
    TOOL_CALLS("tool_calls"),
    CONTENT_FILTER("content_filter"),
    /** The provider itself failed mid-answer (Cohere's {@code ERROR}); not one of OpenAI's values. */
    ERROR("error");

    private final String wireName;

    FinishReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
