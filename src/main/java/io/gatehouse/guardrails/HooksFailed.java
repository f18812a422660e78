package io.gatehouse.guardrails;

import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import jakarta.json.JsonValue;
import java.util.Map;

/** A request or answer withheld by a deny hook: Portkey's 446 {@code hooks_failed}, with {@code hook_results}. */
public final class HooksFailed extends GatewayException {
    private static final long serialVersionUID = 1L;
    static final String MESSAGE = "The guardrail checks defined in the config failed. "
            + "You can find more information in the `hook_results` object.";

    private final transient Verdicts verdicts;

    public HooksFailed(Verdicts verdicts) {
        super(ErrorType.HOOKS_FAILED, ErrorType.HOOKS_FAILED.status(), null, MESSAGE, null);
        this.verdicts = verdicts;
    }

    public Verdicts verdicts() {
        return verdicts;
    }

    @Override
    public Map<String, JsonValue> bodyExtras() {
        return Map.of("hook_results", verdicts.hookResults());
    }
}
