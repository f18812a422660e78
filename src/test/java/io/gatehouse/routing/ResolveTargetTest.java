package io.gatehouse.routing;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.access.Catalog;
import io.gatehouse.access.CatalogEntry;
import io.gatehouse.access.GatewayKey;
import io.gatehouse.access.GatewayKeys;
import io.gatehouse.access.KeyRing;
import io.gatehouse.access.Limits;
import io.gatehouse.access.ModelNames;
import io.gatehouse.config.ConfigEnvironment;
import io.gatehouse.config.ConfigParser;
import io.gatehouse.config.ProviderOptions;
import io.gatehouse.config.SavedConfigs;
import io.gatehouse.context.RequestContext;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.egress.HostPolicy;
import io.gatehouse.error.GatewayException;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.testing.FixtureSource;
import io.gatehouse.testing.Fixtures;
import io.gatehouse.upstream.CheckedCustomHosts;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Headers go through the real parsers — the context's, then the config's into a route plan — so each case
 * reads as the request a client sends. Every case is a single target: the plan is one leaf.
 */
class ResolveTargetTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.defaults();
    private static final ResolveProvider PROVIDERS = new ResolveProvider(REGISTRY, ResolveTargetTest::catalog);
    /** A gateway key for the cases that send one: {@code gh-team} may use @openai-prod, gpt-4o-mini only. */
    private static final GatewayKeys KEYS = new GatewayKeys(List.of(new GatewayKey("team", GatewayKeys.sha256("gh-team"),
            Set.of("openai-prod"), new ModelNames(List.of("gpt-4o-mini")), false, Limits.NONE, Map.of())));

    /** The catalog every case sees. */
    private static Catalog catalog() {
        return new Catalog(List.of(
                entry("openai-prod", "openai", null, ProviderOptions.NONE, List.of("gpt-4o", "gpt-4o-mini"), "sk-cat-1", "sk-cat-2"),
                entry("anthropic-prod", "anthropic", null, ProviderOptions.NONE, null, "sk-ant"),
                entry("azure-eu", "azure-openai", null, new ProviderOptions(Map.of(
                        "resource_name", Json.createValue("acme-eu"), "deployment_id", Json.createValue("gpt4o"))), null, "az-1"),
                entry("local", "ollama", "http://127.0.0.1:11434", ProviderOptions.NONE, null)),
                Map.of("openai-key", "openai-prod"));
    }

    private static CatalogEntry entry(String slug, String provider, String host, ProviderOptions options, List<String> models,
                                      String... keys) {
        return new CatalogEntry(slug, REGISTRY.resolve(provider), new KeyRing(List.of(keys), Duration.ofSeconds(60), () -> 0L),
                host, options, models == null ? ModelNames.ANY : new ModelNames(models), Limits.NONE, Map.of());
    }

    @ParameterizedTest
    @FixtureSource("routing/resolve-target.json")
    void resolve(JsonObject c) {
        RequestContextParser contextParser = c.getBoolean("gatewayKeys", false) ? new RequestContextParser(() -> KEYS) : new RequestContextParser();
        RequestContext ctx = contextParser.parse(Fixtures.requestHeaders(c.get("headers")), "trace-1");
        HostPolicy policy = Fixtures.hostPolicy(c.getJsonObject("policy"));
        RouteRequest request = new RouteRequest(capability(c), "/v1/chat/completions", () -> null,
                () -> c.containsKey("model") ? Fixtures.stringOrNull(c.get("model")) : null);
        if (c.containsKey("error")) {
            JsonObject error = c.getJsonObject("error");
            GatewayException e = assertGatewayError(error, () -> resolve(ctx, policy, request));
            if (error.containsKey("message")) {
                assertEquals(error.getString("message"), e.getMessage());
            }
            return;
        }
        ResolvedTarget target = resolve(ctx, policy, request);
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
            case "entry" -> () -> assertEquals(Fixtures.stringOrNull(value), target.entry() == null ? null : target.entry().slug(), field);
            case "model" -> () -> assertEquals(Fixtures.stringOrNull(value), target.model(), field);
            case "resourceName" -> () -> assertEquals(Fixtures.stringOrNull(value), target.providerOptions().string("resource_name"), field);
            default -> throw new IllegalArgumentException("unknown expectation " + field);
        }));
        assertAll(checks);
    }

    private static ResolvedTarget resolve(RequestContext ctx, HostPolicy policy, RouteRequest request) {
        ConfigParser parser = new ConfigParser(new ConfigEnvironment(policy, PROVIDERS::isKnown, PROVIDERS.validNames()));
        Route plan = new RoutePlans(parser, savedConfigs(new ConfigParser(
                new ConfigEnvironment(HostPolicy.selfHostedDefault(), PROVIDERS::isKnown, PROVIDERS.validNames())))).planFor(ctx.config());
        return new ResolveTarget(PROVIDERS, new CheckedCustomHosts(policy, ResolveTargetTest::fakeDns, System::nanoTime))
                .resolve((Route.Leaf) plan, ctx, request);
    }

    /** Names under {@code .example} are public addresses; no name is really resolved. */
    private static InetAddress[] fakeDns(String host) throws UnknownHostException {
        if (!host.endsWith(".example")) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {(byte) 203, 0, 113, 5})};
    }

    /** The operator's saved configs every case sees (read under the default policy): three bring credentials. */
    private static SavedConfigs savedConfigs(ConfigParser parser) {
        return SavedConfigs.of(Map.of(
                "pc-with-key", parser.parse("{\"provider\":\"openai\",\"api_key\":\"sk-saved\"}"),
                "pc-with-token", parser.parse("{\"provider\":\"azure-openai\",\"resource_name\":\"acme\","
                        + "\"deployment_id\":\"gpt4o\",\"azure_ad_token\":\"ey-saved\"}"),
                "pc-with-host", parser.parse("{\"provider\":\"openai\",\"api_key\":\"sk-saved\","
                        + "\"custom_host\":\"http://127.0.0.1:8003/v1\"}"),
                "pc-keyless", parser.parse("{\"provider\":\"openai\"}")));
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
