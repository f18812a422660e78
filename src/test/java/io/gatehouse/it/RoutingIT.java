package io.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * x-portkey-config routing on a real Payara Micro, against three fake providers (the shared one as
 * {@code a}, two more): fallback, loadbalance, conditional, retries, Retry-After, timeouts, streams that
 * fail before content, saved configs and validation — what the client sees and what each provider received.
 */
class RoutingIT extends GatewayAgainstFakeProvider {
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String ROLE_CHUNK = "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}";

    static FakeUpstream a;
    static FakeUpstream b;
    static FakeUpstream c;

    @BeforeAll
    static void startMoreProviders() throws Exception {
        a = provider;
        b = FakeUpstream.start();
        c = FakeUpstream.start();
    }

    @AfterAll
    static void stopMoreProviders() throws Exception {
        b.close();
        c.close();
    }

    @BeforeEach
    void resetMoreProviders() {
        b.reset();
        c.reset();
    }

    /** A config target on a fake: provider openai, its own key, the fake as custom host. */
    private static String target(FakeUpstream fake, String extra) {
        return "{\"provider\":\"openai\",\"api_key\":\"sk-" + fake.port() + "\",\"custom_host\":\"" + fake.baseUrl() + "/v1\""
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static String strategy(String mode, String... targets) {
        return "{\"strategy\":{\"mode\":\"" + mode + "\"},\"targets\":[" + String.join(",", targets) + "]}";
    }

    private static FakeUpstream.Responder completion(String id) {
        return (req, ex) -> ex.json(200, "{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"choices\":[]}");
    }

    private static FakeUpstream.Responder status(int code) {
        return (req, ex) -> ex.json(code, "{\"error\":{\"message\":\"status " + code + "\"}}");
    }

    /** Answers the given responders in turn, repeating the last. */
    private static FakeUpstream.Responder inTurn(FakeUpstream.Responder... responders) {
        AtomicInteger calls = new AtomicInteger();
        return (req, ex) -> responders[Math.min(calls.getAndIncrement(), responders.length - 1)].respond(req, ex);
    }

    private HttpResponse<String> chat(String config, String... headers) throws Exception {
        List<String> h = new ArrayList<>(List.of("x-portkey-config", config));
        h.addAll(List.of(headers));
        return gateway.postJson("/v1/chat/completions", CHAT, h.toArray(String[]::new));
    }

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    private static String header(HttpResponse<?> res, String name) {
        return res.headers().firstValue(name).orElse(null);
    }

    private static void assertRouting(HttpResponse<?> res, String optionIndex, String retries) {
        assertEquals(optionIndex, header(res, "x-portkey-last-used-option-index"));
        assertEquals(retries, header(res, "x-portkey-retry-attempt-count"));
        assertEquals("openai", header(res, "x-portkey-provider"));
        assertTrue(header(res, "x-portkey-trace-id") != null);
    }

    // --- fallback --------------------------------------------------------------------------------------

    @Test
    void fallbackMovesOnAfterA503() throws Exception {
        a.on("POST", "/v1/chat/completions", status(503));
        b.on("POST", "/v1/chat/completions", completion("from-b"));

        HttpResponse<String> res = chat(strategy("fallback", target(a, ""), target(b, "")));

        assertEquals(200, res.statusCode());
        assertEquals("from-b", json(res.body()).getString("id"));
        assertRouting(res, "config.targets[1]", "0");
        assertEquals(1, a.requests().size());
        assertEquals("Bearer sk-" + b.port(), b.takeRequest(1000).header("authorization"), "each target its own key");
    }

    @Test
    void fallbackMovesOnWhenAProviderRefusesTheConnection() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        b.on("POST", "/v1/chat/completions", completion("from-b"));
        String dead = "{\"provider\":\"openai\",\"custom_host\":\"http://127.0.0.1:" + closedPort + "/v1\"}";

        HttpResponse<String> res = chat(strategy("fallback", dead, target(b, "")));

        assertEquals(200, res.statusCode());
        assertRouting(res, "config.targets[1]", "0");
    }

    @Test
    void onStatusCodesAreRespected() throws Exception {
        a.on("POST", "/v1/chat/completions", status(500));
        b.on("POST", "/v1/chat/completions", completion("from-b"));
        String config = "{\"strategy\":{\"mode\":\"fallback\",\"on_status_codes\":[503]},\"targets\":["
                + target(a, "") + "," + target(b, "") + "]}";

        HttpResponse<String> res = chat(config);

        assertEquals(500, res.statusCode(), "a 500 not in on_status_codes is returned as is");
        assertEquals("status 500", json(res.body()).getJsonObject("error").getString("message"));
        assertRouting(res, "config.targets[0]", "0");
        assertTrue(b.requests().isEmpty(), "the second target is never called");
    }

    @Test
    void anAnswerCutOffMidwayFallsBack() throws Exception {
        a.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.respond(200, Map.of("Content-Type", "application/json"), 400,
                    new java.io.ByteArrayInputStream("{\"id\":\"from-a\",\"cho".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            ex.reset();
        });
        b.on("POST", "/v1/chat/completions", completion("from-b"));

        HttpResponse<String> res = chat(strategy("fallback", target(a, ""), target(b, "")));

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("from-b", json(res.body()).getString("id"), "nothing of a's half answer reached the client");
        assertRouting(res, "config.targets[1]", "0");
        assertEquals(1, a.requests().size());
        assertEquals(1, b.requests().size());
    }

    @Test
    void whenNoTargetAnswersTheGatewayErrorCarriesTheRoutingHeaders() throws Exception {
        a.on("POST", "/v1/chat/completions", (req, ex) -> ex.hangUp());
        b.on("POST", "/v1/chat/completions", (req, ex) -> ex.hangUp());

        HttpResponse<String> res = chat(strategy("fallback", target(a, ""), target(b, "")));

        assertEquals(502, res.statusCode());
        assertEquals("upstream_connection_failed", json(res.body()).getJsonObject("error").getString("code"));
        assertEquals("true", header(res, "x-portkey-gateway-exception"));
        assertRouting(res, "config.targets[1]", "0");
    }

    // --- loadbalance -------------------------------------------------------------------------------

    @Test
    void loadbalanceSpreadsRequestsByWeight() throws Exception {
        a.on("POST", "/v1/chat/completions", completion("a"));
        b.on("POST", "/v1/chat/completions", completion("b"));
        c.on("POST", "/v1/chat/completions", completion("c"));
        String config = strategy("loadbalance", target(a, "\"weight\":0.75"), target(b, "\"weight\":0.25"), target(c, "\"weight\":0"));
        int requests = 240;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(() -> chat(config)));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> res = answer.get();
                assertEquals(200, res.statusCode());
                String id = json(res.body()).getString("id");
                assertEquals(id.equals("a") ? "config.targets[0]" : "config.targets[1]", header(res, "x-portkey-last-used-option-index"));
            }
        } finally {
            pool.shutdownNow();
        }
        double shareA = a.requests().size() / (double) requests;
        // 240 draws at p = 0.75: the standard error is 2.8 points; ±10 points fails only on a real bias.
        assertTrue(shareA > 0.65 && shareA < 0.85, "share of the 0.75 target: " + shareA);
        assertEquals(requests, a.requests().size() + b.requests().size());
        assertTrue(c.requests().isEmpty(), "weight 0 is never chosen");
    }

    @Test
    void aFallbackNestedInALoadbalanceFallsBack() throws Exception {
        a.on("POST", "/v1/chat/completions", status(502));
        b.on("POST", "/v1/chat/completions", completion("from-b"));
        c.on("POST", "/v1/chat/completions", completion("from-c"));
        String config = "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":["
                + "{\"weight\":1," + strategy("fallback", target(a, ""), target(b, "")).substring(1) + ","
                + target(c, "\"weight\":0") + "]}";

        HttpResponse<String> res = chat(config);

        assertEquals("from-b", json(res.body()).getString("id"));
        assertRouting(res, "config.targets[0].targets[1]", "0");
    }

    // --- retries -----------------------------------------------------------------------------------

    @Test
    void retriesThenSucceedsAndCountsTheRetries() throws Exception {
        a.on("POST", "/v1/chat/completions", inTurn(status(503), status(429), completion("third")));

        HttpResponse<String> res = chat(target(a, "\"retry\":{\"attempts\":3}"));

        assertEquals(200, res.statusCode());
        assertEquals("third", json(res.body()).getString("id"));
        assertRouting(res, "config", "2");
        assertEquals(3, a.requests().size());
    }

    @Test
    void exhaustedRetriesReturnTheLastAnswerCountedMinusOne() throws Exception {
        a.on("POST", "/v1/chat/completions", status(503));

        HttpResponse<String> res = chat(target(a, "\"retry\":{\"attempts\":1}"));

        assertEquals(503, res.statusCode());
        assertRouting(res, "config", "-1");
        assertEquals(2, a.requests().size());
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        a.on("POST", "/v1/chat/completions", inTurn(
                (req, ex) -> ex.respond(429, Map.of("Content-Type", "application/json", "retry-after-ms", "900"), "{}".getBytes()),
                completion("after-wait")));

        long t0 = System.nanoTime();
        HttpResponse<String> res = chat(target(a, "\"retry\":{\"attempts\":2}"));
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(200, res.statusCode());
        assertRouting(res, "config", "1");
        // The first backoff step is at most 500 ms: only the header explains 900.
        assertTrue(elapsedMs >= 900, "waited " + elapsedMs + " ms");
        assertTrue(elapsedMs < 5000, "waited " + elapsedMs + " ms");
    }

    // --- conditional, override_params --------------------------------------------------------------

    @Test
    void conditionalRoutesOnMetadataAndOnParams() throws Exception {
        a.on("POST", "/v1/chat/completions", completion("paid"));
        b.on("POST", "/v1/chat/completions", completion("json"));
        c.on("POST", "/v1/chat/completions", completion("default"));
        String config = "{\"strategy\":{\"mode\":\"conditional\",\"conditions\":["
                + "{\"query\":{\"metadata.plan\":{\"$in\":[\"paid\",\"enterprise\"]}},\"then\":\"paid\"},"
                + "{\"query\":{\"params.response_format.type\":\"json_object\",\"params.temperature\":{\"$lt\":0.5}},\"then\":\"json\"}],"
                + "\"default\":\"free\"},\"targets\":["
                + target(a, "\"name\":\"paid\"") + "," + target(b, "\"name\":\"json\"") + "," + target(c, "\"name\":\"free\"") + "]}";

        HttpResponse<String> paid = chat(config, "x-portkey-metadata", "{\"plan\":\"enterprise\"}");
        HttpResponse<String> json = gateway.postJson("/v1/chat/completions",
                "{\"model\":\"m\",\"temperature\":0.2,\"response_format\":{\"type\":\"json_object\"}}", "x-portkey-config", config);
        HttpResponse<String> other = chat(config, "x-portkey-metadata", "{\"plan\":\"free\"}");

        assertEquals("paid", json(paid.body()).getString("id"));
        assertRouting(paid, "config.targets[0]", "0");
        assertEquals("json", json(json.body()).getString("id"));
        assertRouting(json, "config.targets[1]", "0");
        assertEquals("default", json(other.body()).getString("id"));
        assertRouting(other, "config.targets[2]", "0");
    }

    @Test
    void overrideParamsMergeDownTheTreeIntoTheBody() throws Exception {
        a.on("POST", "/v1/chat/completions", status(503));
        b.on("POST", "/v1/chat/completions", completion("b"));
        String config = "{\"override_params\":{\"temperature\":0,\"response_format\":{\"type\":\"json_object\"}},"
                + "\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + target(a, "\"override_params\":{\"model\":\"model-a\"}") + ","
                + target(b, "\"override_params\":{\"model\":\"model-b\",\"response_format\":{\"json_schema\":{\"name\":\"s\"}}}") + "]}";

        chat(config);

        JsonObject toA = json(a.takeRequest(1000).bodyText());
        JsonObject toB = json(b.takeRequest(1000).bodyText());
        assertEquals("model-a", toA.getString("model"));
        assertEquals("model-b", toB.getString("model"));
        assertEquals(0, toB.getInt("temperature"), "inherited from the root");
        assertEquals("json_object", toB.getJsonObject("response_format").getString("type"), "deep-merged, not replaced");
        assertEquals("s", toB.getJsonObject("response_format").getJsonObject("json_schema").getString("name"));
        assertEquals(1, toB.getJsonArray("messages").size(), "the client's fields are kept");
    }

    // --- timeouts ----------------------------------------------------------------------------------

    @Test
    void requestTimeoutInConfigOrHeaderGives408AndFallsBack() throws Exception {
        a.on("POST", "/v1/chat/completions", (req, ex) -> {
            Thread.sleep(3000);
            ex.json(200, "{\"id\":\"too-late\"}");
        });
        b.on("POST", "/v1/chat/completions", completion("fast"));

        long t0 = System.nanoTime();
        HttpResponse<String> fromConfig = chat(target(a, "\"request_timeout\":300"));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 2500, "answered at the timeout, not when the upstream did");
        assertEquals(408, fromConfig.statusCode());
        JsonObject error = json(fromConfig.body()).getJsonObject("error");
        assertEquals("timeout_error", error.getString("type"));
        assertEquals("Request exceeded the timeout sent in the request: 300ms", error.getString("message"));
        assertRouting(fromConfig, "config", "0");

        HttpResponse<String> fromHeader = chat(target(a, ""), "x-portkey-request-timeout", "300");
        assertEquals(408, fromHeader.statusCode());

        HttpResponse<String> fellBack = chat(strategy("fallback", target(a, ""), target(b, "")), "x-portkey-request-timeout", "300");
        assertEquals("fast", json(fellBack.body()).getString("id"), "a timed-out target falls back");
        assertRouting(fellBack, "config.targets[1]", "0");
    }

    // --- streams -----------------------------------------------------------------------------------

    @Test
    void aStreamThatFailsBeforeContentFallsBackToOneCleanStream() throws Exception {
        a.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.beginEvents();
            ex.event(ROLE_CHUNK);
            ex.event("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}");
            ex.end();
        });
        b.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.beginEvents();
            ex.event("{\"id\":\"b\"," + ROLE_CHUNK.substring(1));
            ex.event("{\"id\":\"b\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello from b\"}}]}");
            ex.event("[DONE]");
            ex.end();
        });

        List<String> data = streamData(strategy("fallback", target(a, ""), target(b, "")));

        assertEquals(3, data.size(), data.toString());
        assertEquals("b", json(data.get(0)).getString("id"), "a's held role chunk never reached the client");
        assertEquals("Hello from b", json(data.get(1)).getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("content"));
        assertEquals("[DONE]", data.get(2));
        assertEquals(1, a.requests().size());
    }

    @Test
    void aStreamResetBeforeContentIsRetriedAndThenFallsBack() throws Exception {
        a.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.beginEvents();
            ex.event(ROLE_CHUNK);
            Thread.sleep(50);
            ex.reset();
        });
        b.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.beginEvents();
            ex.event("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}");
            ex.event("[DONE]");
            ex.end();
        });
        String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + target(a, "\"retry\":{\"attempts\":1}") + "," + target(b, "") + "]}";

        HttpResponse<InputStream> res = stream(config);
        List<String> data = GatewayClient.dataLines(res.body());

        assertEquals(200, res.statusCode());
        assertEquals(List.of("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}", "[DONE]"), data);
        assertEquals(2, a.requests().size(), "the reset stream was retried once, then b took over");
        assertRouting(res, "config.targets[1]", "0");
    }

    @Test
    void aStreamResetBeforeItsFirstEventFallsBack() throws Exception {
        a.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.beginEvents();
            ex.reset();
        });
        b.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.beginEvents();
            ex.event("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}");
            ex.event("[DONE]");
            ex.end();
        });

        HttpResponse<InputStream> res = stream(strategy("fallback", target(a, ""), target(b, "")));
        List<String> data = GatewayClient.dataLines(res.body());

        assertEquals(200, res.statusCode());
        assertEquals(List.of("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}", "[DONE]"), data);
        assertEquals(1, a.requests().size());
        assertEquals(1, b.requests().size());
        assertRouting(res, "config.targets[1]", "0");
    }

    @Test
    void aStreamResetBeforeItsFirstEventWithNothingLeftIsA502JsonError() throws Exception {
        a.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.beginEvents();
            ex.reset();
        });

        HttpResponse<String> res = gateway.send(gateway.request("/v1/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true}"))
                .header("x-portkey-config", target(a, "")).build());

        assertEquals(502, res.statusCode(), res.body());
        JsonObject error = json(res.body()).getJsonObject("error");
        assertEquals("upstream_stream_failed", error.getString("code"));
        assertTrue(error.getString("message").contains("broke"), error.getString("message"));
        assertTrue(error.containsKey("type"));
        assertEquals(1, a.requests().size(), "the upstream was called once, and its stream broke");
    }

    @Test
    void anAbsurdRequestTimeoutIsA400NotAnOverflow() throws Exception {
        for (String timeout : List.of("9999999999999", "99999999999999999999")) {
            HttpResponse<String> res = gateway.send(gateway.request("/v1/chat/completions")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true}"))
                    .header("x-portkey-config", target(a, "")).header("x-portkey-request-timeout", timeout).build());
            assertEquals(400, res.statusCode(), res.body());
            assertEquals("invalid_request_timeout", json(res.body()).getJsonObject("error").getString("code"));
            HttpResponse<String> inConfig = chat(target(a, "\"request_timeout\":" + timeout));
            assertEquals(400, inConfig.statusCode(), inConfig.body());
        }
        assertTrue(a.requests().isEmpty(), "nothing was sent upstream");
    }

    @Test
    void theRequestTimeoutAlsoBoundsSilenceOnceTheStreamHasBegun() throws Exception {
        a.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.beginEvents();
            ex.event("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"first\"}}]}");
            Thread.sleep(1500);
            ex.event("[DONE]");
            ex.end();
        });

        List<String> data = streamData(target(a, "\"request_timeout\":400"));

        assertTrue(data.get(0).contains("first"));
        assertEquals("stream_interrupted", json(data.get(data.size() - 1)).getJsonObject("error").getString("code"),
                "a silence longer than the request timeout ends the stream with an explicit error");
        assertFalse(data.contains("[DONE]"));
    }

    private HttpResponse<InputStream> stream(String config) throws Exception {
        return gateway.stream(gateway.request("/v1/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true}"))
                .header("x-portkey-config", config).build());
    }

    private List<String> streamData(String config) throws Exception {
        HttpResponse<InputStream> res = stream(config);
        assertEquals(200, res.statusCode());
        return GatewayClient.dataLines(res.body());
    }

    // --- the catch-all proxy routes through the same core ---------------------------------------------

    @Test
    void proxiedPathsFallBackAndCarryTheRoutingHeadersToo() throws Exception {
        a.on("POST", "/v1/rerank", status(503));
        b.on("POST", "/v1/rerank", (req, ex) -> ex.json(200, "{\"results\":[{\"index\":0}]}"));
        a.on("POST", "/v1/responses", (req, ex) -> {
            ex.beginEvents();
            ex.event("{\"type\":\"response.created\"}");
            ex.event("{\"type\":\"error\",\"message\":\"overloaded\"}");
            ex.end();
        });
        b.on("POST", "/v1/responses", (req, ex) -> {
            ex.beginEvents();
            ex.event("{\"type\":\"response.output_text.delta\",\"delta\":\"hi\"}");
            ex.end();
        });
        String config = strategy("fallback", target(a, ""), target(b, ""));

        // /v1/rerank and /v1/responses are unified routes now: /v1/proxy/ keeps these requests on the proxy.
        HttpResponse<String> rerank = gateway.postJson("/v1/proxy/rerank", "{\"query\":\"q\",\"documents\":[\"d\"]}",
                "x-portkey-config", config);
        HttpResponse<InputStream> responses = gateway.stream(gateway.request("/v1/proxy/responses")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true}"))
                .header("Content-Type", "application/json").header("x-portkey-config", config).build());

        assertEquals(200, rerank.statusCode());
        assertRouting(rerank, "config.targets[1]", "0");
        assertEquals("{\"query\":\"q\",\"documents\":[\"d\"]}", b.takeRequest(1000).bodyText(),
                "the proxied body reached the second target unchanged");
        assertEquals(200, responses.statusCode());
        assertRouting(responses, "config.targets[1]", "0");
        assertEquals(List.of("{\"type\":\"response.output_text.delta\",\"delta\":\"hi\"}"), GatewayClient.dataLines(responses.body()),
                "the first target's held events and its error never reached the client");
    }

    // --- saved configs, validation -----------------------------------------------------------------

    @Test
    void aSavedConfigIsUsedByItsId() throws Exception {
        a.on("POST", "/v1/chat/completions", completion("saved"));

        // server-config/configs/pc-gatehouse-example.json; the request's custom host overrides every target.
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions", CHAT,
                "x-portkey-config", "pc-gatehouse-example",
                "x-portkey-custom-host", a.baseUrl() + "/v1",
                "Authorization", "Bearer sk-client");

        assertEquals(200, res.statusCode(), res.body());
        assertRouting(res, "config.targets[0]", "0");
        RecordedRequest got = a.takeRequest(1000);
        assertEquals("gpt-4o-mini", json(got.bodyText()).getString("model"), "the saved config's override_params");
        assertEquals("Bearer sk-client", got.header("authorization"));

        HttpResponse<String> unknown = chat("pc-no-such-config");
        assertEquals(400, unknown.statusCode());
        assertEquals("unknown_config", json(unknown.body()).getJsonObject("error").getString("code"));
        assertTrue(json(unknown.body()).getJsonObject("error").getString("message").contains("pc-no-such-config"));
    }

    @Test
    void invalidConfigsAre400sListingEveryProblemWithItsPath() throws Exception {
        String config = "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":["
                + "{\"provider\":\"nope\",\"weight\":-1},"
                + "{\"provider\":\"openai\",\"retry\":{\"attempts\":9},\"customHost\":\"http://169.254.169.254/v1\",\"requestTimeout\":0}]}";

        HttpResponse<String> res = chat(config);

        assertEquals(400, res.statusCode());
        assertTrue(header(res, "content-type").startsWith("application/json"));
        JsonObject body = json(res.body());
        JsonObject error = body.getJsonObject("error");
        assertEquals("invalid_config", error.getString("code"));
        assertEquals("invalid_request_error", error.getString("type"));
        assertTrue(error.getString("message").startsWith("Invalid config passed: "));
        List<String> errors = body.getJsonArray("errors").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        assertEquals(5, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("path: targets[0].provider, message: Invalid 'provider' value. Must be one of: "), errors.get(0));
        assertTrue(errors.get(0).contains(" openai, "), "lists the valid providers: " + errors.get(0));
        assertEquals(List.of(
                "path: targets[0].weight, message: must be greater than or equal to 0",
                "path: targets[1].custom_host, message: custom host is not allowed by this gateway's host policy: "
                        + "cloud metadata and link-local addresses are refused",
                "path: targets[1].request_timeout, message: must be greater than 0",
                "path: targets[1].retry.attempts, message: must be less than or equal to 5"), errors.subList(1, 5));

        HttpResponse<String> legacy = chat("{\"mode\":\"fallback\",\"options\":[{\"provider\":\"openai\"}]}");
        assertEquals(400, legacy.statusCode());
        assertEquals("This version of config is not supported in this route. Please migrate to the latest version",
                json(legacy.body()).getJsonObject("error").getString("message"));

        HttpResponse<String> notJson = chat("{\"strategy\":");
        assertEquals("invalid_config", json(notJson.body()).getJsonObject("error").getString("code"));
        assertNull(header(notJson, "x-portkey-last-used-option-index"), "refused before routing began");
        assertTrue(a.requests().isEmpty() && b.requests().isEmpty() && c.requests().isEmpty());
    }
}
