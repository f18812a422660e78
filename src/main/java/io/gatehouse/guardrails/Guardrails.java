package io.gatehouse.guardrails;

import io.gatehouse.config.HookConfig;
import io.gatehouse.egress.HostPolicy;
import io.gatehouse.model.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs one event's hooks on one side of a call: mutators first, in order, each seeing what the last one
 * left; then the guardrails on the result. A guardrail hook passes when each of its enabled checks passes;
 * a check that errs (bad parameters, a webhook that did not answer in time) counts as failed when its
 * {@code failOnError} parameter says so, by default when its hook denies — unlike Portkey, which lets it pass.
 * Checks that wait on the network run in parallel; the others are cheaper inline.
 */
public final class Guardrails {
    private static final Logger LOG = Logger.getLogger(Guardrails.class.getName());
    /** Checks that wait on the network, run side by side; idle threads go after a minute. */
    private static final ExecutorService PARALLEL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "gatehouse-guardrail-check");
        thread.setDaemon(true);
        return thread;
    });

    private final Map<String, Check> checks;

    Guardrails(Map<String, Check> checks) {
        this.checks = Map.copyOf(checks);
    }

    /** Every check this gateway ships, calling out under {@code hostPolicy}. */
    public static Guardrails create(HostPolicy hostPolicy) {
        Map<String, Check> checks = new HashMap<>();
        TextChecks.register(checks);
        JsonChecks.register(checks);
        RequestChecks.register(checks);
        Mutators.register(checks);
        PiiDetector.register(checks);
        new RemoteChecks(new Egress(hostPolicy)).register(checks);
        new JwtCheck(new Egress(hostPolicy)).register(checks);
        return new Guardrails(checks);
    }

    /** The check ids this runner knows. */
    public java.util.Set<String> ids() {
        return checks.keySet();
    }

    public HookRun run(List<HookConfig> hooks, CheckInput input) {
        JsonArrayBuilder results = Json.array();
        boolean denied = false;
        boolean failed = false;
        JsonObject original = input.json();
        CheckInput current = input;
        for (HookConfig hook : hooks) {
            if (hook.type() == HookConfig.Type.MUTATOR) {
                long started = System.nanoTime();
                List<Ran> ran = new ArrayList<>();
                for (HookConfig.Check check : enabled(hook)) {
                    Ran one = runCheck(check, current);
                    ran.add(one);
                    if (one.result().transform() != null) {
                        current = current.withJson(one.result().transform().apply(current.json()));
                    }
                }
                HookVerdict v = record(hook, ran, started, results);
                denied |= v.denied;
                failed |= !v.passed;
            }
        }
        List<HookConfig> guardrails = hooks.stream().filter(h -> h.type() == HookConfig.Type.GUARDRAIL).toList();
        List<List<Ran>> ran = runGuardrails(guardrails, current);
        for (int i = 0; i < guardrails.size(); i++) {
            HookVerdict v = record(guardrails.get(i), ran.get(i), ran.get(i).isEmpty() ? System.nanoTime() : ran.get(i).get(0).started, results);
            denied |= v.denied;
            failed |= !v.passed;
            for (Ran one : ran.get(i)) {
                if (one.result().transform() != null) {
                    current = current.withJson(one.result().transform().apply(current.json()));
                }
            }
        }
        JsonObject finalJson = current.json();
        return new HookRun(input.event(), results.build(), denied, failed, finalJson == original ? null : finalJson);
    }

    /**
     * The hooks, reported as unable to check ({@code reason}): each check errs, so deny hooks fail (the answer
     * is withheld) and the others pass, as when a check itself errs.
     */
    public HookRun unchecked(List<HookConfig> hooks, Event event, String reason) {
        JsonArrayBuilder results = Json.array();
        boolean denied = false;
        boolean failed = false;
        long now = System.nanoTime();
        for (HookConfig hook : hooks) {
            List<Ran> ran = enabled(hook).stream().map(c -> new Ran(c, CheckResult.error(reason), now, 0, false)).toList();
            HookVerdict v = record(hook, ran, now, results);
            denied |= v.denied;
            failed |= !v.passed;
        }
        return new HookRun(event, results.build(), denied, failed, null);
    }

    private static List<HookConfig.Check> enabled(HookConfig hook) {
        return hook.checks().stream().filter(HookConfig.Check::enabled).toList();
    }

    /** Each guardrail hook's checks, run in parallel when one of them waits on the network. */
    private List<List<Ran>> runGuardrails(List<HookConfig> hooks, CheckInput input) {
        boolean parallel = hooks.stream().flatMap(h -> enabled(h).stream()).anyMatch(c -> RemoteChecks.IDS.contains(c.id()))
                && hooks.stream().mapToLong(h -> enabled(h).size()).sum() > 1;
        List<List<Ran>> results = new ArrayList<>();
        if (!parallel) {
            for (HookConfig hook : hooks) {
                results.add(enabled(hook).stream().map(c -> runCheck(c, input)).toList());
            }
            return results;
        }
        List<List<Future<List<Ran>>>> futures = new ArrayList<>();
        for (HookConfig hook : hooks) {
            List<Future<List<Ran>>> hookFutures = new ArrayList<>();
            if (hook.sequential()) {
                hookFutures.add(PARALLEL.submit(() -> enabled(hook).stream().map(c -> runCheck(c, input)).toList()));
            } else {
                for (HookConfig.Check check : enabled(hook)) {
                    hookFutures.add(PARALLEL.submit(() -> List.of(runCheck(check, input))));
                }
            }
            futures.add(hookFutures);
        }
        for (List<Future<List<Ran>>> hookFutures : futures) {
            List<Ran> ran = new ArrayList<>();
            for (Future<List<Ran>> f : hookFutures) {
                ran.addAll(join(f));
            }
            results.add(ran);
        }
        return results;
    }

    private static List<Ran> join(Future<List<Ran>> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new IllegalStateException("interrupted while guardrails ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a guardrail check failed unexpectedly", e.getCause());
        }
    }

    /** One check, run and timed. */
    private record Ran(HookConfig.Check check, CheckResult result, long started, long nanos, boolean failOnError) {
    }

    private Ran runCheck(HookConfig.Check check, CheckInput input) {
        long started = System.nanoTime();
        Parameters parameters = new Parameters(check.parameters());
        Boolean failOnError = null;
        CheckResult result;
        try {
            failOnError = parameters.has("failOnError") ? parameters.bool("failOnError", false) : null;
            Check function = checks.get(check.id());
            result = function == null ? CheckResult.error("unknown check " + check.id()) : function.run(input, parameters);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = CheckResult.error("interrupted");
        } catch (Parameters.InvalidParameterException e) {
            result = CheckResult.error(e.getMessage());
        } catch (Exception | StackOverflowError e) {
            LOG.log(Level.FINE, "check " + check.id() + " erred", e);
            result = CheckResult.error("Error executing check: " + describe(e));
        }
        return new Ran(check, result, started, System.nanoTime() - started, failOnError != null && failOnError);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private record HookVerdict(boolean passed, boolean denied) {
    }

    private static HookVerdict record(HookConfig hook, List<Ran> ran, long started, JsonArrayBuilder results) {
        boolean passed = true;
        boolean transformed = false;
        JsonArrayBuilder checks = Json.array();
        for (Ran one : ran) {
            CheckResult r = one.result();
            boolean failOnError = one.check().parameters().containsKey("failOnError") ? one.failOnError() : hook.deny();
            passed &= r.verdict() || r.error() != null && !failOnError;
            transformed |= r.transform() != null;
            JsonObjectBuilder c = Json.object().add("id", one.check().id()).add("verdict", r.verdict())
                    .add("data", r.data() == null ? JsonValue.NULL : r.data())
                    .add("execution_time", one.nanos() / 1_000_000)
                    .add("created_at", Instant.now().toString());
            if (r.error() != null) {
                c.add("error", Json.object().add("message", r.error())).add("fail_on_error", failOnError);
            } else {
                c.addNull("error");
            }
            checks.add(c);
        }
        JsonObject feedback = passed ? Json.object(hook.onSuccess(), "feedback") : Json.object(hook.onFail(), "feedback");
        JsonObjectBuilder result = Json.object().add("id", hook.id()).add("type", hook.type().wireName())
                .add("verdict", passed).add("deny", hook.deny()).add("async", hook.async()).add("transformed", transformed)
                .add("checks", checks).add("feedback", feedback == null ? JsonValue.NULL : feedback)
                .add("execution_time", (System.nanoTime() - started) / 1_000_000)
                .add("created_at", Instant.now().toString());
        results.add(result);
        return new HookVerdict(passed, !passed && hook.deny() && !hook.async());
    }
}
