package io.gatehouse.ingress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.access.GatewayKeys;
import io.gatehouse.config.ConfigEnvironment;
import io.gatehouse.config.ConfigParser;
import io.gatehouse.config.ResponseStoreSettings;
import io.gatehouse.config.RetryTuning;
import io.gatehouse.config.SavedConfigs;
import io.gatehouse.config.TelemetrySettings;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.egress.HostPolicy;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.http.UrlText;
import io.gatehouse.ingress.anthropic.MessagesDialect;
import io.gatehouse.ingress.responses.ResponseStore;
import io.gatehouse.ingress.responses.ResponsesDialect;
import io.gatehouse.limits.Admission;
import io.gatehouse.pipeline.GatewayResponse;
import io.gatehouse.pipeline.Ingress;
import io.gatehouse.pipeline.ObserveRequest;
import io.gatehouse.pipeline.RecordUsage;
import io.gatehouse.pipeline.RequestPipeline;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.routing.ResolveProvider;
import io.gatehouse.routing.Router;
import io.gatehouse.telemetry.Telemetry;
import io.gatehouse.upstream.FakeResponses;
import io.gatehouse.upstream.SendUpstream;
import io.gatehouse.usage.Pricing;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Odd values thrown at every header, query parameter and config field the gateway reads, on the unified,
 * Messages and Responses routes, streamed and not: each is answered with a 4xx JSON error or passes — never
 * an exception (a 5xx of the gateway's own) — and every upstream answer is given back.
 */
class OddInputTest {
    private static final String SSE_ANSWER = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n";
    private static final String JSON_ANSWER = "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[]}";
    private static final String ODD_NUMBERS_PLACEHOLDER = "%N";
    private static final List<String> ODD_NUMBERS = List.of("9999999999999", "99999999999999999999", "-1", "0", "1e400",
            "1.5", "-0", "\"7\"", "null", "[]", "{}", "9223372036854775807", "-9223372036854775808", "1e-400");
    private static final List<String> CONFIG_TEMPLATES = List.of(
            "{\"provider\":\"openai\",\"request_timeout\":%N}",
            "{\"provider\":\"openai\",\"retry\":{\"attempts\":%N}}",
            "{\"provider\":\"openai\",\"retry\":{\"attempts\":1,\"on_status_codes\":[%N]}}",
            "{\"provider\":\"openai\",\"cache\":{\"mode\":\"simple\",\"max_age\":%N}}",
            "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":[{\"provider\":\"openai\",\"weight\":%N},{\"provider\":\"openai\",\"weight\":%N}]}",
            "{\"strategy\":{\"mode\":\"fallback\",\"on_status_codes\":[%N]},\"targets\":[{\"provider\":\"openai\"}]}",
            "{\"provider\":\"openai\",\"override_params\":{\"max_tokens\":%N}}");
    private static final List<Map.Entry<String, String>> ODD_HEADERS = List.of(
            Map.entry("x-portkey-request-timeout", "9999999999999"),
            Map.entry("x-portkey-request-timeout", "99999999999999999999"),
            Map.entry("x-portkey-request-timeout", "-5"),
            Map.entry("x-portkey-request-timeout", "1e3"),
            Map.entry("x-portkey-request-timeout", " "),
            Map.entry("x-portkey-config", "[]"),
            Map.entry("x-portkey-config", "null"),
            Map.entry("x-portkey-config", "{\"provider\":"),
            Map.entry("x-portkey-config", "pc-does-not-exist"),
            Map.entry("x-portkey-metadata", "{\"a\":1e400,\"b\":[1,{}],\"c\":null}"),
            Map.entry("x-portkey-metadata", "[1]"),
            Map.entry("x-portkey-metadata", "{\"" + "x".repeat(5000) + "\":\"" + "y".repeat(5000) + "\"}"),
            Map.entry("x-portkey-forward-headers", ",,,"),
            Map.entry("x-portkey-forward-headers", "host, content-length, \u00e9"),
            Map.entry("x-portkey-custom-host", "http://[::1"),
            Map.entry("x-portkey-custom-host", "%zz"),
            Map.entry("x-portkey-custom-host", "http://127.0.0.1:99999/v1"),
            Map.entry("x-portkey-provider", "../openai"),
            Map.entry("x-portkey-provider", ""),
            Map.entry("x-portkey-trace-id", "\u00e9".repeat(300)),
            Map.entry("x-portkey-api-key", "%zz"),
            Map.entry("x-portkey-virtual-key", "../x"),
            Map.entry("authorization", "Bearer"),
            Map.entry("content-length", "-3"));

    private final ResponseStore store = new ResponseStore(ResponseStoreSettings.DEFAULTS);
    private final List<FakeResponses.Fake> answers = new ArrayList<>();

    record Case(String name, Function<OddInputTest, Ingress> ingress, String path, Map<String, String> headers, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        for (boolean stream : new boolean[] {false, true}) {
            String chat = "{\"model\":\"m\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            for (String template : CONFIG_TEMPLATES) {
                for (String n : ODD_NUMBERS) {
                    String config = template.replace(ODD_NUMBERS_PLACEHOLDER, n);
                    cases.add(new Case("config " + config + (stream ? " (stream)" : ""), t -> Ingress.openAi(Capability.CHAT_COMPLETIONS),
                            "/v1/chat/completions", Map.of("x-portkey-config", config, "authorization", "Bearer sk"), chat));
                }
            }
            for (Map.Entry<String, String> h : ODD_HEADERS) {
                Map<String, String> headers = new HashMap<>(Map.of("x-portkey-provider", "openai", "authorization", "Bearer sk"));
                headers.put(h.getKey(), h.getValue());
                cases.add(new Case(h.getKey() + ": " + h.getValue() + (stream ? " (stream)" : ""),
                        t -> Ingress.openAi(Capability.CHAT_COMPLETIONS), "/v1/chat/completions", headers, chat));
            }
            String messages = "{\"model\":\"m\",\"max_tokens\":5,\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
            for (String query : List.of("x=%zz", "%", "=&=&", "a=%E9", "x=%2", "\u00e9=\u00e9")) {
                for (String provider : List.of("anthropic", "openai")) {
                    cases.add(new Case("messages?" + query + " to " + provider + (stream ? " (stream)" : ""),
                            t -> new MessagesDialect().messages(query), "/v1/messages",
                            Map.of("x-portkey-provider", provider, "x-api-key", "sk"), messages));
                }
            }
        }
        for (String query : List.of("limit=0", "limit=%zz", "limit=99999999999", "limit=-1", "order=%zz", "after=%zz", "x=%zz", "%")) {
            for (String id : List.of("resp_stored", "resp_elsewhere")) {
                for (String provider : List.of("openai", "azure-openai")) {
                    Map<String, String> headers = Map.of("x-portkey-provider", provider, "authorization", "Bearer sk",
                            "x-portkey-azure-resource-name", "res", "x-portkey-azure-api-version", "2025-04-01-preview");
                    cases.add(new Case("input_items of " + id + "?" + query + " at " + provider,
                            t -> t.responses().inputItems(id, query, UrlText.firstValues(query)), "/v1/responses/" + id + "/input_items",
                            headers, null));
                    cases.add(new Case("retrieve " + id + "?" + query + " at " + provider,
                            t -> t.responses().retrieve(id, query), "/v1/responses/" + id, headers, null));
                }
            }
        }
        return cases.stream().map(Arguments::of);
    }

    private ResponsesDialect responses() {
        store.shelf(ResponseStore.OPEN_GATEWAY).put(Json.createObjectBuilder().add("id", "resp_stored").add("object", "response").build(),
                Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", "item_1")).build());
        return new ResponsesDialect(store);
    }

    private RequestPipeline pipeline() {
        ResolveProvider providers = new ResolveProvider(ProviderRegistry.defaults());
        ConfigParser parser = new ConfigParser(
                new ConfigEnvironment(HostPolicy.selfHostedDefault(), providers::isKnown, providers.validNames()));
        Router router = Router.create(parser, SavedConfigs.none(), providers, HostPolicy.selfHostedDefault(),
                RetryTuning.DEFAULTS, Admission.UNLIMITED);
        SendUpstream upstream = request -> {
            boolean stream = request.body() != null && bodyText(request).contains("\"stream\":true");
            FakeResponses.Fake fake = stream
                    ? FakeResponses.of(200, Map.of("Content-Type", "text/event-stream"), SSE_ANSWER)
                    : FakeResponses.json(200, JSON_ANSWER);
            answers.add(fake);
            return fake.response();
        };
        return new RequestPipeline(new RequestContextParser(() -> GatewayKeys.OPEN), router, Admission.UNLIMITED, upstream,
                1 << 20, new RecordUsage(() -> Pricing.NONE, Admission.UNLIMITED),
                new ObserveRequest(Telemetry.start(TelemetrySettings.DEFAULTS)));
    }

    private static String bodyText(io.gatehouse.upstream.UpstreamRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            request.body().writeTo(out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isAnsweredOrRefusedWithA4xxNeverA5xx(Case c) throws Exception {
        Map<String, List<String>> headers = new HashMap<>();
        c.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        GatewayResponse response = pipeline().handle(c.ingress().apply(this), c.path(), RequestHeaders.of(headers),
                c.body() == null ? null : new ByteArrayInputStream(c.body().getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.body().writeTo(out);
        String body = out.toString(StandardCharsets.UTF_8);

        assertTrue(response.status() / 100 == 2 || response.status() / 100 == 4, response.status() + ": " + body);
        if (response.status() >= 400) {
            JsonObject error = Json.createReader(new StringReader(body)).readObject().getJsonObject("error");
            assertTrue(error != null && error.containsKey("message") && error.containsKey("type"), body);
        }
        for (FakeResponses.Fake answer : answers) {
            assertTrue(answer.released(), "every upstream answer is given back");
        }
        assertEquals(true, answers.size() <= 1 + 5, "no retry storm");
    }
}
