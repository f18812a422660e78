package io.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.testing.FixtureSource;
import io.gatehouse.testing.TestConfigParser;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;

/** Inheritance down the target tree, computed once per config into each leaf (portkey-behaviour.md §3.3). */
class CompileRoutesTest {
    @ParameterizedTest
    @FixtureSource("routing/inheritance.json")
    void leavesCarryTheirEffectiveSettings(JsonObject c) {
        Route route = CompileRoutes.compile(TestConfigParser.create().parse(c.getJsonObject("config")));
        JsonArrayBuilder leaves = Json.createArrayBuilder();
        leaves(route).forEach(leaf -> leaves.add(describe(leaf)));
        assertEquals(c.getJsonArray("leaves"), leaves.build());
    }

    /** Leaves in tree order; a conditional's branches first, then its default. */
    static List<Route.Leaf> leaves(Route route) {
        List<Route.Leaf> out = new ArrayList<>();
        if (route instanceof Route.Leaf leaf) {
            out.add(leaf);
        } else if (route instanceof Route.Fallback f) {
            f.targets().forEach(t -> out.addAll(leaves(t)));
        } else if (route instanceof Route.LoadBalance lb) {
            lb.targets().forEach(t -> out.addAll(leaves(t)));
        } else if (route instanceof Route.Conditional c) {
            c.branches().forEach(b -> out.addAll(leaves(b.target())));
            if (c.otherwise() != null) {
                out.addAll(leaves(c.otherwise()));
            }
        }
        return out;
    }

    private static JsonObject describe(Route.Leaf leaf) {
        TargetSettings s = leaf.settings();
        JsonObjectBuilder b = Json.createObjectBuilder().add("path", leaf.path());
        if (s.provider() != null) {
            b.add("provider", s.provider());
        }
        if (s.apiKey() != null) {
            b.add("api_key", s.apiKey());
        }
        if (s.requestTimeout() != null) {
            b.add("request_timeout", s.requestTimeout().toMillis());
        }
        if (s.customHost() != null) {
            b.add("custom_host", s.customHost());
        }
        if (s.forwardHeaders() != null) {
            b.add("forward_headers", Json.createArrayBuilder(s.forwardHeaders()));
        }
        if (s.strictOpenAiCompliance() != null) {
            b.add("strict_open_ai_compliance", s.strictOpenAiCompliance());
        }
        if (!s.retry().equals(RetryPolicy.NONE)) {
            b.add("retry", Json.createObjectBuilder()
                    .add("attempts", s.retry().attempts())
                    .add("on_status_codes", Json.createArrayBuilder(s.retry().onStatusCodes().stream().sorted().toList()))
                    .add("use_retry_after_header", s.retry().useRetryAfterHeader()));
        }
        if (s.cache() != null) {
            b.add("cache", s.cache().mode());
        }
        if (s.overrideParams() != null) {
            b.add("override_params", s.overrideParams());
        }
        if (!s.hooks().isEmpty()) {
            b.add("before_request_hooks", hooks(s.hooks().before())).add("after_request_hooks", hooks(s.hooks().after()));
        }
        return b.build();
    }

    /** Each hook as {@code id type deny: check, check}. */
    private static JsonArrayBuilder hooks(List<io.gatehouse.config.HookConfig> hooks) {
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (io.gatehouse.config.HookConfig h : hooks) {
            out.add(h.id() + " " + h.type().wireName() + (h.deny() ? " deny" : "") + ": "
                    + String.join(", ", h.checks().stream().map(c -> c.id() + (c.enabled() ? "" : " (disabled)")).toList()));
        }
        return out;
    }
}
