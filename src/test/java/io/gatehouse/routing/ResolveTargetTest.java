package io.gatehouse.routing;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.config.ConfigEnvironment;
import io.gatehouse.config.ConfigParser;
import io.gatehouse.config.SavedConfigs;
import io.gatehouse.context.RequestContext;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.error.GatewayException;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.testing.FixtureSource;
import io.gatehouse.testing.Fixtures;
import io.gatehouse.upstream.HostPolicy;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Headers go through the real parsers — the context's, then the config's into a route plan — so each case
 * reads as the request a client sends. Every case is a single target: the plan is one leaf.
 */
class ResolveTargetTest {
    private static final ResolveProvider PROVIDERS = new ResolveProvider(ProviderRegistry.defaults());

    @ParameterizedTest
    @FixtureSource("routing/resolve-target.json")
    void resolve(JsonObject c) {
        RequestContext ctx = new RequestContextParser().parse(Fixtures.requestHeaders(c.get("headers")), "trace-1");
        HostPolicy policy = Fixtures.hostPolicy(c.getJsonObject("policy"));
        Capability capability = capability(c);
        if (c.containsKey("error")) {
            JsonObject error = c.getJsonObject("error");
            GatewayException e = assertGatewayError(error, () -> resolve(ctx, policy, capability));
            if (error.containsKey("message")) {
                assertEquals(error.getString("message"), e.getMessage());
            }
            return;
        }
        ResolvedTarget target = resolve(ctx, policy, capability);
        List<Executable> checks = new ArrayList<>();
        c.getJsonObject("expect").forEach((field, value) -> checks.add(switch (field) {
            case "provider" -> () -> assertEquals(Fixtures.stringOrNull(value), target.provider().slug(), field);
            case "apiKey" -> () -> assertEquals(Fixtures.stringOrNull(value), target.apiKey(), field);
            case "customHost" -> () -> assertEquals(Fixtures.stringOrNull(value), target.customHost(), field);
            case "overrideParams" -> () -> assertEquals(value == JsonValue.NULL ? null : value, target.overrideParams(), field);
            case "forwardHeaders" -> () -> assertEquals(Fixtures.stringsOrNull(value), target.forwardHeaders(), field);
            case "requestTimeoutMs" -> () -> assertEquals(
                    value == JsonValue.NULL ? null : Duration.ofMillis(((JsonNumber) value).longValue()),
                    target.requestTimeout(), field);
            case "optionPath" -> () -> assertEquals(((JsonString) value).getString(), target.optionPath(), field);
            default -> throw new IllegalArgumentException("unknown expectation " + field);
        }));
        assertAll(checks);
    }

    private static ResolvedTarget resolve(RequestContext ctx, HostPolicy policy, Capability capability) {
        ConfigParser parser = new ConfigParser(new ConfigEnvironment(policy, PROVIDERS::isKnown, PROVIDERS.validNames()));
        Route plan = new RoutePlans(parser, SavedConfigs.none()).planFor(ctx.config());
        return new ResolveTarget(PROVIDERS, policy).resolve((Route.Leaf) plan, ctx, capability);
    }

    /** Chat completions unless the case names a capability; JSON null means a proxied path (none). */
    private static Capability capability(JsonObject c) {
        if (!c.containsKey("capability")) {
            return Capability.CHAT_COMPLETIONS;
        }
        String name = Fixtures.stringOrNull(c.get("capability"));
        return name == null ? null : Capability.valueOf(name);
    }
}
