package io.gatehouse.context;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gatehouse.error.GatewayException;
import io.gatehouse.http.GatewayHeaders;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.testing.FixtureSource;
import io.gatehouse.testing.Fixtures;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;

class RequestContextParserTest {
    private final RequestContextParser parser = new RequestContextParser();

    @ParameterizedTest
    @FixtureSource("context/request-context.json")
    void parsesGatewayHeaders(JsonObject c) {
        RequestHeaders headers = Fixtures.requestHeaders(c.get("headers"));
        if (c.containsKey("error")) {
            assertGatewayError(c.getJsonObject("error"), () -> parser.parse(headers, "trace-1"));
            return;
        }
        RequestContext ctx = parser.parse(headers, "trace-1");
        JsonObject expect = c.getJsonObject("expect");
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertSame(headers, ctx.headers()));
        checks.add(() -> assertEquals("trace-1", ctx.traceId()));
        expect.forEach((field, value) -> checks.add(switch (field) {
            case "provider" -> () -> assertEquals(Fixtures.stringOrNull(value), ctx.provider(), field);
            case "bearerToken" -> () -> assertEquals(Fixtures.stringOrNull(value), ctx.bearerToken(), field);
            case "customHost" -> () -> assertEquals(Fixtures.stringOrNull(value), ctx.customHost(), field);
            case "config" -> () -> assertEquals(Fixtures.stringOrNull(value), ctx.config(), field);
            case "metadata" -> () -> assertEquals(stringMap(value.asJsonObject()), ctx.metadata(), field);
            case "forwardHeaders" -> () -> assertEquals(Fixtures.stringsOrNull(value), ctx.forwardHeaders(), field);
            case "requestTimeoutMs" -> () -> assertEquals(
                    value == JsonValue.NULL ? null : Duration.ofMillis(((JsonNumber) value).longValue()),
                    ctx.requestTimeout(), field);
            default -> throw new IllegalArgumentException("unknown expectation " + field);
        }));
        assertAll(checks);
    }

    // --- gateway keys --------------------------------------------------------------------------------

    private static final io.gatehouse.access.GatewayKeys KEYS = new io.gatehouse.access.GatewayKeys(List.of(
            new io.gatehouse.access.GatewayKey("team-a", io.gatehouse.access.GatewayKeys.sha256("gh-secret-a"), null,
                    io.gatehouse.access.ModelNames.ANY, true, io.gatehouse.access.Limits.NONE,
                    Map.of("team", "a", "env", "prod"))));
    private final RequestContextParser guarded = new RequestContextParser(() -> KEYS);

    private static RequestHeaders headers(String... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], List.of(pairs[i + 1]));
        }
        return RequestHeaders.of(map);
    }

    @Test
    void anOpenGatewayAsksForNoKeyAndLeavesAuthorizationToTheProvider() {
        RequestContext ctx = parser.parse(headers("x-portkey-api-key", "whatever", "Authorization", "Bearer sk-p"), "t");
        assertSame(io.gatehouse.access.Caller.OPEN, ctx.caller());
        assertEquals("sk-p", ctx.bearerToken());
    }

    @Test
    void anOpenGatewayTakesTheProviderKeyFromXPortkeyApiKeyWhenNoAuthorizationIsSent() {
        // The seeds' API introduction: default_headers={"x-portkey-provider": "openai", "x-portkey-api-key": "<openai key>"}.
        assertEquals("sk-openai", parser.parse(headers("x-portkey-provider", "openai", "x-portkey-api-key", "sk-openai"), "t").bearerToken());
        assertEquals("sk-p", parser.parse(headers("x-portkey-api-key", "sk-openai", "Authorization", "Bearer sk-p"), "t").bearerToken(),
                "Authorization wins");
        assertNull(guarded.parse(headers("x-portkey-api-key", "gh-secret-a"), "t").bearerToken(),
                "with gateway keys configured it is the gateway key, never a provider key");
    }

    @Test
    void withKeysConfiguredAMissingKeyIs401() {
        assertGatewayError(401, "missing_api_key", () -> guarded.parse(headers("x-portkey-provider", "openai"), "t"));
    }

    @Test
    void anUnknownKeyIs401AndTheMessageNeverShowsIt() {
        GatewayException e = assertGatewayError(401, "invalid_api_key",
                () -> guarded.parse(headers("x-portkey-api-key", "gh-guess"), "t"));
        assertFalse(e.getMessage().contains("gh-guess"));
        assertGatewayError(401, "invalid_api_key", () -> guarded.parse(headers("Authorization", "Bearer sk-provider-key"), "t"));
    }

    @Test
    void theApiKeyHeaderIdentifiesTheCallerAndAuthorizationStaysTheProviders() {
        RequestContext ctx = guarded.parse(headers("x-portkey-api-key", "gh-secret-a", "Authorization", "Bearer sk-p"), "t");
        assertEquals("team-a", ctx.caller().name());
        assertEquals("sk-p", ctx.bearerToken());
        assertEquals("Bearer sk-p", ctx.headers().first("authorization"));
    }

    @Test
    void theAnthropicSdksXApiKeyCarriesTheGatewayKeyWhenNothingElseDoes() {
        // The seeds: anthropic.Anthropic(api_key="PORTKEY_API_KEY", base_url=…) sends it as x-api-key.
        RequestContext ctx = guarded.parse(headers("x-api-key", "gh-secret-a", "x-portkey-provider", "@anthropic-prod"), "t");
        assertEquals("team-a", ctx.caller().name());
        assertFalse(ctx.headers().contains("x-api-key"), "the gateway key is never forwarded as a provider key");
        assertGatewayError(401, "invalid_api_key", () -> guarded.parse(headers("x-api-key", "sk-ant-provider"), "t"));
    }

    @Test
    void anXApiKeyBesideAGatewayKeyHeaderStaysTheClients() {
        RequestContext ctx = guarded.parse(headers("x-portkey-api-key", "gh-secret-a", "x-api-key", "sk-ant-p"), "t");
        assertEquals("team-a", ctx.caller().name());
        assertEquals("sk-ant-p", ctx.headers().first("x-api-key"));
    }

    @Test
    void aGatewayKeyInAuthorizationIsConsumedSoNothingForwardsIt() {
        RequestContext ctx = guarded.parse(headers("Authorization", "Bearer gh-secret-a", "x-portkey-provider", "@openai-prod"), "t");
        assertEquals("team-a", ctx.caller().name());
        assertNull(ctx.bearerToken());
        assertFalse(ctx.headers().contains("authorization"));
    }

    @Test
    void theKeysMetadataDefaultsAreMergedUnderTheRequestsOwn() {
        RequestContext ctx = guarded.parse(headers("x-portkey-api-key", "gh-secret-a", "x-portkey-metadata", "{\"env\":\"staging\",\"user\":\"u1\"}"), "t");
        assertEquals(Map.of("team", "a", "env", "staging", "user", "u1"), ctx.metadata());
    }

    @Test
    void theVirtualKeyHeaderNamesACatalogEntry() {
        assertEquals("@openai-key", parser.parse(headers("x-portkey-virtual-key", "openai-key", "x-portkey-provider", "groq"), "t").provider());
        assertEquals("@openai-key", parser.parse(headers("x-portkey-virtual-key", "@openai-key"), "t").provider());
    }

    @Test
    void traceIdIsEchoedStripped() {
        assertEquals("my-trace", RequestContextParser.traceId(headers(GatewayHeaders.TRACE_ID, "  my-trace ")));
    }

    @Test
    void traceIdIsGeneratedWhenAbsentOrBlank() {
        String absent = RequestContextParser.traceId(headers("content-type", "application/json"));
        String blank = RequestContextParser.traceId(headers(GatewayHeaders.TRACE_ID, "   "));
        assertEquals(absent, UUID.fromString(absent).toString());
        assertEquals(blank, UUID.fromString(blank).toString());
        assertNotEquals(absent, blank, "each request gets its own id");
    }

    @Test
    void traceIdIsCutAt256Characters() {
        String sent = "t".repeat(250) + "0123456789";
        String traceId = RequestContextParser.traceId(headers("X-Portkey-Trace-Id", sent));
        assertEquals(sent.substring(0, 256), traceId);
        assertEquals(256, RequestContextParser.traceId(headers(GatewayHeaders.TRACE_ID, "x".repeat(256))).length());
    }

    @Test
    void parseUsesTheTraceIdItIsGiven() {
        RequestContext ctx = parser.parse(headers(GatewayHeaders.TRACE_ID, "from-header"), "already-decided");
        assertEquals("already-decided", ctx.traceId());
    }

    @Test
    void metadataMapIsImmutable() {
        Map<String, String> metadata = parser.parse(headers(GatewayHeaders.METADATA, "{\"a\":\"b\"}"), "t").metadata();
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> metadata.put("c", "d"));
    }

    @Test
    void noGatewayHeadersMeansNoProviderKey() {
        assertNull(parser.parse(headers("x-api-key", "sk-not-ours"), "t").bearerToken());
    }

    private static RequestHeaders headers(String name, String value) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put(name, List.of(value));
        return RequestHeaders.of(map);
    }

    private static Map<String, String> stringMap(JsonObject object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.forEach((k, v) -> map.put(k, ((JsonString) v).getString()));
        return map;
    }
}
