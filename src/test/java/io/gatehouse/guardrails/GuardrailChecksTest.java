package io.gatehouse.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.config.HookConfig;
import io.gatehouse.egress.HostPolicy;
import io.gatehouse.testing.FixtureSource;
import io.gatehouse.testing.Fixtures;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Every check of the {@code default} namespace (and the PII detector) over a fixture table, with Portkey's
 * parameter names: what it decides, why (its {@code data}), when it errs, and what a mutator rewrites.
 * Each case runs as a one-check hook through the runner, so results are read as {@code hook_results} shows them.
 */
class GuardrailChecksTest {
    private static final Guardrails GUARDRAILS = Guardrails.create(HostPolicy.selfHostedDefault());
    private static final JsonObject REQUEST = Fixtures.object(
            "{\"model\":\"m-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}");
    private static final JsonObject ANSWER = Fixtures.object(
            "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Sunny in Paris. Warm today.\"}}]}");

    static CheckInput input(JsonObject c) {
        JsonObject request = c.containsKey("request") ? c.getJsonObject("request") : REQUEST;
        Map<String, String> metadata = new HashMap<>();
        if (c.containsKey("metadata")) {
            c.getJsonObject("metadata").forEach((k, v) -> metadata.put(k, ((JsonString) v).getString()));
        }
        Map<String, String> headers = new HashMap<>();
        if (c.containsKey("headers")) {
            c.getJsonObject("headers").forEach((k, v) -> headers.put(k.toLowerCase(), ((JsonString) v).getString()));
        }
        CheckInput in = CheckInput.request(c.getString("type", "chatComplete"), request, request.getString("model", null),
                metadata, name -> headers.get(name.toLowerCase()));
        return "after".equals(c.getString("event", "before"))
                ? in.answer(c.containsKey("answer") ? c.getJsonObject("answer") : ANSWER) : in;
    }

    @ParameterizedTest
    @FixtureSource("guardrails/check-cases.json")
    void eachCheckDecidesAsTheFixtureSays(JsonObject c) {
        HookConfig hook = new HookConfig("h", HookConfig.Type.GUARDRAIL,
                List.of(new HookConfig.Check(c.getString("check"), c.getJsonObject("parameters"), true)),
                true, false, false, null, null);
        HookRun run = GUARDRAILS.run(List.of(hook), input(c));
        JsonObject check = run.results().getJsonObject(0).getJsonArray("checks").getJsonObject(0);
        assertEquals(c.getBoolean("verdict"), check.getBoolean("verdict"), check.toString());
        if (c.containsKey("error")) {
            assertTrue(check.getJsonObject("error").getString("message").contains(c.getString("error")), check.toString());
            assertTrue(run.denied(), "a check that errs fails its deny hook");
        } else {
            assertEquals(JsonValue.NULL, check.get("error"), check.toString());
        }
        if (c.containsKey("data")) {
            c.getJsonObject("data").forEach((key, expected) ->
                    assertEquals(expected, check.getJsonObject("data").get(key), key + " in " + check));
        }
        if (c.containsKey("transformed")) {
            assertEquals(c.getJsonObject("transformed"), run.transformed());
        } else {
            assertNull(run.transformed(), "nothing rewritten");
        }
    }

    @Test
    void everyCheckTheConfigAcceptsHasAFunction() {
        assertEquals(HookConfig.KNOWN_CHECKS, GUARDRAILS.ids());
        Set<String> covered = new java.util.HashSet<>();
        Fixtures.cases("guardrails/check-cases.json").forEach(c -> covered.add(c.getPayload().getString("check")));
        assertEquals(HookConfig.KNOWN_CHECKS, covered, "each check has fixture cases");
    }

    @Test
    void aNonDenyHookWhoseCheckErrsPassesUnlessTheCheckSaysFailOnError() {
        HookConfig lenient = new HookConfig("h", HookConfig.Type.GUARDRAIL, List.of(new HookConfig.Check(
                "default.regexMatch", Fixtures.object("{}"), true)), false, false, false, null, null);
        HookRun passed = GUARDRAILS.run(List.of(lenient), input(Fixtures.object("{}")));
        assertTrue(passed.results().getJsonObject(0).getBoolean("verdict"));
        assertFalse(passed.failed());

        HookConfig strict = new HookConfig("h", HookConfig.Type.GUARDRAIL, List.of(new HookConfig.Check(
                "default.regexMatch", Fixtures.object("{\"failOnError\":true}"), true)), false, false, false, null, null);
        HookRun failed = GUARDRAILS.run(List.of(strict), input(Fixtures.object("{}")));
        assertTrue(failed.failed());
        assertFalse(failed.denied(), "not a deny hook: flagged, not withheld");
    }

    @Test
    void mutatorsRunFirstSoGuardrailsJudgeTheRewrittenText() {
        HookConfig guard = new HookConfig("g", HookConfig.Type.GUARDRAIL, List.of(new HookConfig.Check(
                "default.contains", Fixtures.object("{\"words\":[\"Paris\"],\"operator\":\"none\"}"), true)), true, false, false, null, null);
        HookConfig redact = new HookConfig("m", HookConfig.Type.MUTATOR, List.of(new HookConfig.Check(
                "default.regexReplace", Fixtures.object("{\"rule\":\"Paris\"}"), true)), false, false, false, null, null);
        HookRun run = GUARDRAILS.run(List.of(guard, redact), input(Fixtures.object("{}")));
        assertFalse(run.denied(), run.results().toString());
        assertEquals("m", run.results().getJsonObject(0).getString("id"), "the mutator ran first");
        assertEquals("Weather in [REDACTED]?", run.transformed().getJsonArray("messages").getJsonObject(0).getString("content"));
    }

    @Test
    void feedbackOfOnFailIsReported() {
        HookConfig hook = new HookConfig("h", HookConfig.Type.GUARDRAIL, List.of(new HookConfig.Check(
                "default.contains", Fixtures.object("{\"words\":[\"Paris\"],\"operator\":\"none\"}"), true)), true, false, false,
                Fixtures.object("{\"feedback\":{\"value\":-1,\"weight\":1}}"), null);
        HookRun run = GUARDRAILS.run(List.of(hook), input(Fixtures.object("{}")));
        assertEquals(-1, run.results().getJsonObject(0).getJsonObject("feedback").getInt("value"));
    }
}
