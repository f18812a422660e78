package io.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.config.Fixtures;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Inheritance down the target tree, computed once per config into each leaf (portkey-behaviour.md §3.3). */
class CompileRoutesTest {
    static Stream<Arguments> cases() {
        return Fixtures.cases("routing/inheritance.json").stream().map(c -> Arguments.of(c.getString("name"), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void leavesCarryTheirEffectiveSettings(String name, JsonObject c) {
        Route route = CompileRoutes.compile(Fixtures.parser().parse(c.getJsonObject("config")));
        JsonArrayBuilder leaves = Fixtures.JSON.createArrayBuilder();
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
        JsonObjectBuilder b = Fixtures.JSON.createObjectBuilder().add("path", leaf.path());
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
            b.add("forward_headers", Fixtures.JSON.createArrayBuilder(s.forwardHeaders()));
        }
        if (s.strictOpenAiCompliance() != null) {
            b.add("strict_open_ai_compliance", s.strictOpenAiCompliance());
        }
        if (!s.retry().equals(RetryPolicy.NONE)) {
            b.add("retry", Fixtures.JSON.createObjectBuilder()
                    .add("attempts", s.retry().attempts())
                    .add("on_status_codes", Fixtures.JSON.createArrayBuilder(s.retry().onStatusCodes().stream().sorted().toList()))
                    .add("use_retry_after_header", s.retry().useRetryAfterHeader()));
        }
        if (s.cache() != null) {
            b.add("cache", s.cache().mode());
        }
        if (s.overrideParams() != null) {
            b.add("override_params", s.overrideParams());
        }
        return b.build();
    }
}
