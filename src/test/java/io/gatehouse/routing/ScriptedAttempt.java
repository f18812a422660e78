package io.gatehouse.routing;

import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.upstream.FakeResponses;
import io.gatehouse.upstream.UpstreamResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * An {@link Router.Attempt} that answers from a script per config target path, repeating a target's
 * last step when its script runs out, and records every call and every answer it gave.
 */
final class ScriptedAttempt implements Router.Attempt<Router.Sent> {
    private final Map<String, Deque<Supplier<FakeResponses.Fake>>> scripts = new HashMap<>();
    final List<ResolvedTarget> calls = new CopyOnWriteArrayList<>();
    final List<FakeResponses.Fake> answers = new CopyOnWriteArrayList<>();

    @SafeVarargs
    final ScriptedAttempt on(String path, Supplier<FakeResponses.Fake>... steps) {
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(steps));
        return this;
    }

    static Supplier<FakeResponses.Fake> answer(int status) {
        return () -> FakeResponses.json(status, "{\"status\":" + status + "}");
    }

    static Supplier<FakeResponses.Fake> answer(int status, Map<String, String> headers) {
        return () -> FakeResponses.of(status, headers, "{}");
    }

    static Supplier<FakeResponses.Fake> refused() {
        return () -> {
            throw new GatewayException(ErrorType.UPSTREAM_UNREACHABLE, 502, "upstream_unreachable", "Upstream refused the connection", null);
        };
    }

    static Supplier<FakeResponses.Fake> timedOut() {
        return () -> {
            throw new GatewayException(ErrorType.TIMEOUT, 408, "request_timeout", "Request exceeded the timeout sent in the request: 50ms", null);
        };
    }

    @Override
    public Router.Sent send(ResolvedTarget target) {
        calls.add(target);
        Deque<Supplier<FakeResponses.Fake>> script = scripts.get(target.optionPath());
        if (script == null) {
            throw new AssertionError("no script for " + target.optionPath());
        }
        Supplier<FakeResponses.Fake> step = script.size() > 1 ? script.poll() : script.peek();
        FakeResponses.Fake fake = step.get();
        answers.add(fake);
        return fake::response;
    }

    List<String> paths() {
        List<String> out = new ArrayList<>();
        calls.forEach(c -> out.add(c.optionPath()));
        return out;
    }

    FakeResponses.Fake answerFor(UpstreamResponse response) {
        return answers.stream().filter(a -> a.response() == response).findFirst().orElseThrow();
    }
}
