package io.gatehouse.guardrails;

/** When hooks run: on the request before it is sent, or on the answer. Named as Portkey names them. */
public enum Event {
    BEFORE_REQUEST("beforeRequestHook", "before_request_hooks"),
    AFTER_REQUEST("afterRequestHook", "after_request_hooks");

    private final String wireName;
    private final String resultsName;

    Event(String wireName, String resultsName) {
        this.wireName = wireName;
        this.resultsName = resultsName;
    }

    public String wireName() {
        return wireName;
    }

    /** The member of {@code hook_results} that lists this event's hooks. */
    public String resultsName() {
        return resultsName;
    }
}
