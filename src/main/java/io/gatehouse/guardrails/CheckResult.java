package io.gatehouse.guardrails;

import jakarta.json.JsonObject;
import java.util.function.UnaryOperator;

/**
 * What one check decided.
 *
 * @param verdict   whether it passed
 * @param data      what it found, for {@code hook_results} (never a secret, nor the text itself)
 * @param error     why it could not decide, or null
 * @param transform for a mutator that changed something: the side's JSON rewritten; null otherwise
 */
public record CheckResult(boolean verdict, JsonObject data, String error, UnaryOperator<JsonObject> transform) {

    static CheckResult of(boolean verdict, JsonObject data) {
        return new CheckResult(verdict, data, null, null);
    }

    static CheckResult error(String message) {
        return new CheckResult(false, null, message, null);
    }
}
