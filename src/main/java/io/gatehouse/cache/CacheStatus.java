package io.gatehouse.cache;

/** What the response cache did for an answer, as {@code x-portkey-cache-status} tells the client. */
public enum CacheStatus {
    /** Answered from the cache: no upstream call. */
    HIT("HIT"),
    /** Not in the cache: the upstream answered, and a complete successful answer was kept. */
    MISS("MISS"),
    /** {@code x-portkey-cache-force-refresh}: the cache was not read, the new answer was kept. */
    REFRESH("REFRESH"),
    /** Answered from the cache for the same or a similar enough prompt. */
    SEMANTIC_HIT("SEMANTIC HIT"),
    /** Semantic mode found no similar enough prompt: the upstream answered. */
    SEMANTIC_MISS("SEMANTIC MISS"),
    /** The request did not ask for the cache (or the gateway has it off). */
    DISABLED("DISABLED");

    /** The response header. */
    public static final String HEADER = "x-portkey-cache-status";

    private final String headerValue;

    CacheStatus(String headerValue) {
        this.headerValue = headerValue;
    }

    public String headerValue() {
        return headerValue;
    }

    public boolean hit() {
        return this == HIT || this == SEMANTIC_HIT;
    }
}
