package io.gatehouse.guardrails;

import io.gatehouse.model.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * What the hooks of one attempt decided, before the request and after the answer: the wire outcome
 * (446 withheld, 246 flagged, 200 passed) and the {@code hook_results} the client is shown. Request logs read
 * it here; a response cache must store only {@link #cacheable()} answers.
 *
 * @param before the before-request hooks run, or null when there were none
 * @param after  the after-request hooks run, or null when there were none (or they did not run: an error answer)
 * @param stream after-request hooks still to judge a stream as it is relayed ({@code incremental}), or null
 */
public record Verdicts(HookRun before, HookRun after, StreamChecks stream) {
    public Verdicts(HookRun before, HookRun after) {
        this(before, after, null);
    }

    /**
     * After-request hooks that judge a stream's text as it goes by, and the request they judge it for.
     *
     * @param hooks   the after-request hooks (their deny hooks are all incremental)
     * @param request what the hooks know of the request; {@link CheckInput#answer} adds the stream's text
     */
    public record StreamChecks(java.util.List<io.gatehouse.config.HookConfig> hooks, CheckInput request) {
    }

    /** Portkey's status for an answer some non-deny hook failed on. */
    public static final int HOOKS_FAILED_STATUS = 246;

    /** A deny hook failed: the request was not sent, or its answer is withheld (446). */
    public boolean denied() {
        return before != null && before.denied() || after != null && after.denied();
    }

    /** Some hook failed (a 246 when nothing was denied). */
    public boolean failed() {
        return before != null && before.failed() || after != null && after.failed();
    }

    /** Whether the answer passed every hook, so a cache may keep it; one that failed any must never be cached. */
    public boolean cacheable() {
        return !failed();
    }

    /** {@code pass}, {@code fail} or {@code deny}: one word for logs and the {@code x-gatehouse-hooks} header. */
    public String outcome() {
        return denied() ? "deny" : failed() ? "fail" : "pass";
    }

    /** {@code {"before_request_hooks": […], "after_request_hooks": […]}}. */
    public JsonObject hookResults() {
        return Json.object()
                .add(Event.BEFORE_REQUEST.resultsName(), before == null ? JsonValue.EMPTY_JSON_ARRAY : before.results())
                .add(Event.AFTER_REQUEST.resultsName(), after == null ? JsonValue.EMPTY_JSON_ARRAY : after.results())
                .build();
    }

    /** These verdicts with the answer's hooks run. */
    public Verdicts withAfter(HookRun run) {
        return new Verdicts(before, run, null);
    }

    /** These verdicts, the answer's hooks to run on its stream as it is relayed. */
    public Verdicts judgingStream(StreamChecks checks) {
        return new Verdicts(before, null, checks);
    }
}
