package io.gatehouse.ingress.anthropic;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.context.RequestContext;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.model.Json;
import io.gatehouse.pipeline.StreamEnd;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.provider.TargetFields;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.testing.FixtureSource;
import io.gatehouse.testing.Fixtures;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class MessagesDialectTest {
    private static final ProviderRegistry PROVIDERS = ProviderRegistry.defaults();
    private final MessagesDialect dialect = new MessagesDialect();

    private static RequestContext context(String bearer, String xApiKey) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (xApiKey != null) {
            headers.put("X-Api-Key", List.of(xApiKey));
        }
        return new RequestContext("t", null, bearer, null, null, Map.of(), null, null, RequestHeaders.of(headers));
    }

    /** What ResolveTarget gives: the config's key, else the client's bearer token. */
    private static ResolvedTarget target(String provider, String configKey, RequestContext ctx) {
        return new ResolvedTarget(PROVIDERS.resolve(provider), configKey != null ? configKey : ctx.bearerToken(), null, null,
                null, null, "config");
    }

    @ParameterizedTest
    @FixtureSource("ingress/messages-api-keys.json")
    void theProviderKeyIsFoundAsTheAnthropicSdkSendsIt(JsonObject c) {
        RequestContext ctx = context(Fixtures.stringOrNull(c.get("bearer")), Fixtures.stringOrNull(c.get("x_api_key")));
        ResolvedTarget target = target(c.getString("provider"), Fixtures.stringOrNull(c.get("config_api_key")), ctx);
        assertEquals(Fixtures.stringOrNull(c.get("expect")), dialect.apiKey(ctx, target));
    }

    @Test
    void onlyAnthropicSpeaksMessagesNatively() {
        var anthropic = new ProviderCall(PROVIDERS.resolve("anthropic"), "k", "http://127.0.0.1:9/v1", RequestHeaders.of(Map.of()), TargetFields.NONE);
        assertEquals("http://127.0.0.1:9/v1/messages/count_tokens",
                dialect.nativeEndpoint(anthropic, "/count_tokens", null).orElseThrow().uri().toString());
        assertEquals(Map.of("x-api-key", "k", "anthropic-version", "2023-06-01"), headerMap(dialect.nativeEndpoint(anthropic, "", null).orElseThrow()));
        for (String other : List.of("openai", "google", "cohere", "azure-openai", "groq")) {
            var call = new ProviderCall(PROVIDERS.resolve(other), "k", null, RequestHeaders.of(Map.of()), TargetFields.NONE);
            assertTrue(dialect.nativeEndpoint(call, "", null).isEmpty(), other);
        }
    }

    private static Map<String, String> headerMap(io.gatehouse.provider.Endpoint endpoint) {
        Map<String, String> out = new LinkedHashMap<>();
        endpoint.headers().forEach(h -> out.put(h.name(), h.value()));
        return out;
    }

    @Test
    void gatewayErrorsTakeAnthropicsShapeWithTheTypeItsStatusMeans() {
        Map<Integer, String> types = Map.of(400, "invalid_request_error", 401, "authentication_error", 404, "not_found_error",
                408, "timeout_error", 413, "request_too_large", 429, "rate_limit_error", 502, "api_error", 503, "overloaded_error",
                504, "timeout_error", 500, "api_error");
        types.forEach((status, type) -> {
            GatewayException e = new GatewayException(ErrorType.INTERNAL, status, "some_code", "went wrong", null);
            JsonObject body = Json.parse(new String(dialect.gatewayError(e), StandardCharsets.UTF_8)).asJsonObject();
            assertEquals(Json.parse("{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"went wrong\"}}"), body,
                    "status " + status);
        });
    }

    @Test
    void aBrokenNativeStreamEndsWithAnAnthropicErrorEventAndMessageStopOrAnErrorEndIt() {
        StreamEnd end = dialect.streamEnd();
        byte[] stop = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] error = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] unnamedStop = "data: {\"type\":\"message_stop\"}\n\n".getBytes(StandardCharsets.UTF_8);
        byte[] delta = "event: content_block_delta\ndata: {\"type\":\"content_block_delta\"}\n\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(end.isFinal(stop, 0, stop.length));
        assertTrue(end.isFinal(error, 0, error.length));
        assertTrue(end.isFinal(unnamedStop, 0, unnamedStop.length), "the JSON type is read when the event has no name");
        assertTrue(!end.isFinal(delta, 0, delta.length));
        assertEquals("event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":\"broke\"}}\n\n",
                new String(end.interrupted("broke"), StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @FixtureSource("ingress/messages-invalid-requests.json")
    void requestsNoProviderCouldTakeAreRefusedWithTheirPath(JsonObject c) {
        assertGatewayError(c.getJsonObject("expect"), () -> dialect.read(c.getJsonObject("client")));
    }

    @Test
    void countTokensRefusesProvidersWithoutTokenCounting() {
        RequestContext ctx = context(null, "k");
        assertGatewayError(400, "unsupported_capability", () -> dialect.countTokens(null).call(ctx, target("openai", null, ctx), null));
    }
}
