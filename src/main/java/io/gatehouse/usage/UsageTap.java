package io.gatehouse.usage;

import io.gatehouse.model.Usage;

/**
 * Where one request's relay reports what the answer said about its usage, as it passes: the token counts
 * (partial reports of a stream merge) and the model the provider answered with. One per request, written
 * by the thread that writes the answer; read once the answer is complete.
 */
public final class UsageTap {
    private Usage usage;
    private String model;
    private boolean cached;

    /** The answer came from the gateway's response cache: no upstream tokens were spent on it. */
    public void markCached() {
        cached = true;
    }

    public boolean cached() {
        return cached;
    }

    public void report(Usage reported) {
        usage = UsageJson.merge(usage, reported);
    }

    public void reportModel(String answered) {
        if (answered != null && !answered.isEmpty()) {
            model = answered;
        }
    }

    /** The answer's usage, or null when it reported none. */
    public Usage usage() {
        return usage;
    }

    /** The model the answer named, or null. */
    public String model() {
        return model;
    }
}
