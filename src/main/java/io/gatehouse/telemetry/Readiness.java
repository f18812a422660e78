package io.gatehouse.telemetry;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * What must work before the gateway takes traffic, each part a named check that says what is wrong (null:
 * nothing). The gateway registers its configuration; other parts (a request log's store) register theirs.
 */
public final class Readiness {
    private final Map<String, Supplier<String>> checks = new ConcurrentSkipListMap<>();

    /** @param problem null when {@code name} is ready, else what is wrong (no secrets: it is served) */
    public void register(String name, Supplier<String> problem) {
        checks.put(name, problem);
    }

    /** Each check's problem, or null when ready; a check that throws is not ready. */
    public Map<String, String> problems() {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        checks.forEach((name, check) -> {
            String problem;
            try {
                problem = check.get();
            } catch (RuntimeException e) {
                problem = e.getClass().getSimpleName();
            }
            result.put(name, problem);
        });
        return result;
    }
}
