package io.gatehouse.guardrails;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

/**
 * One event's hooks, run.
 *
 * @param event       before the request or after the answer
 * @param results     each hook's result as {@code hook_results} lists it
 * @param denied      whether a {@code deny} hook failed: the request or answer is withheld (446)
 * @param failed      whether any hook failed (a 246 when nothing was denied)
 * @param transformed the side's JSON as the mutators left it, or null when nothing changed it
 */
public record HookRun(Event event, JsonArray results, boolean denied, boolean failed, JsonObject transformed) {
}
