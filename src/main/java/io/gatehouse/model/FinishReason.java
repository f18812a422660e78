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

    /** OpenAI's name read back ({@code function_call}, the legacy one, as tool calls); anything unknown is a stop. */
    public static FinishReason fromWireName(String name) {
        if ("function_call".equals(name)) {
            return TOOL_CALLS;
        }
        for (FinishReason reason : values()) {
            if (reason.wireName.equals(name)) {
                return reason;
            }
        }
        return STOP;
    }
}
