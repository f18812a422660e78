package io.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The unified routes on a real Payara Micro, against a fake OpenAI-compatible provider: what the client
 * sees and what the provider received.
 */
class UnifiedRoutesIT extends GatewayAgainstFakeProvider {
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",  \"messages\":[{\"role\":\"user\",\"content\":\"caf\\u00e9 \u00e9\"}],\"temperature\":1.0}";
    private static final String COMPLETION = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o-mini\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello!\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}}";

    private String[] openAi(String... extra) {
        List<String> h = new ArrayList<>(List.of(
                "x-portkey-provider", "openai",
                "x-portkey-custom-host", provider.baseUrl() + "/v1",
                "Authorization", "Bearer sk-test-123"));
        h.addAll(List.of(extra));
        return h.toArray(String[]::new);
    }

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    @Test
    void chatCompletionRelaysProviderAnswerAndSendsBodyUnchanged() throws Exception {
        provider.on("POST", "/v1/chat/completions", (req, ex) -> ex.respond(200,
                Map.of("Content-Type", "application/json", "x-request-id", "req_abc", "x-ratelimit-remaining-requests", "99"),
                COMPLETION.getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> res = gateway.postJson("/v1/chat/completions", CHAT, openAi("x-portkey-trace-id", "trace-42"));

        assertEquals(200, res.statusCode());
        assertEquals(COMPLETION, res.body());
        assertEquals("trace-42", res.headers().firstValue("x-portkey-trace-id").orElseThrow());
        assertEquals("openai", res.headers().firstValue("x-portkey-provider").orElseThrow());
        assertEquals("req_abc", res.headers().firstValue("x-request-id").orElseThrow());
        assertEquals("99", res.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow());
        assertEquals(1, res.headers().allValues("server").size(), "one Server header, not the upstream's too");

        RecordedRequest got = provider.takeRequest(1000);
        assertEquals("/v1/chat/completions", got.path());
        assertEquals("Bearer sk-test-123", got.header("authorization"));
        assertEquals("application/json", got.header("content-type"));
        assertEquals(CHAT, got.bodyText(), "body reaches the provider byte for byte");
        got.headers().keySet().forEach(name -> assertFalse(name.startsWith("x-portkey-"), "leaked " + name));
        assertNull(got.header("expect"));
    }

    @Test
    void theSeedsApiIntroductionSendsTheProviderKeyAsXPortkeyApiKey() throws Exception {
        provider.on("POST", "/v1/chat/completions", (req, ex) -> ex.json(200, COMPLETION));
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions", CHAT, "x-portkey-provider", "openai",
                "x-portkey-custom-host", provider.baseUrl() + "/v1", "x-portkey-api-key", "sk-from-portkey-header");
        assertEquals(200, res.statusCode(), res.body());
        RecordedRequest got = provider.takeRequest(1000);
        assertEquals("Bearer sk-from-portkey-header", got.header("authorization"));
        assertNull(got.header("x-portkey-api-key"));
    }

    @Test
    void embeddingsAndCompletionsReachTheirPaths() throws Exception {
        provider.on("POST", "/v1/embeddings", (req, ex) -> ex.json(200, "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1,0.2]}]}"));
        provider.on("POST", "/v1/completions", (req, ex) -> ex.json(200, "{\"object\":\"text_completion\",\"choices\":[{\"text\":\"hi\"}]}"));

        HttpResponse<String> emb = gateway.postJson("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}", openAi());
        HttpResponse<String> cmp = gateway.postJson("/v1/completions", "{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"x\"}", openAi());

        assertEquals(200, emb.statusCode());
        assertEquals(0.2, json(emb.body()).getJsonArray("data").getJsonObject(0).getJsonArray("embedding").getJsonNumber(1).doubleValue());
        assertEquals(200, cmp.statusCode());
        assertEquals("text_completion", json(cmp.body()).getString("object"));
        assertEquals(List.of("/v1/embeddings", "/v1/completions"), provider.requests().stream().map(RecordedRequest::path).toList());
    }

    @Test
    void streamedChatIsRelayedEventByEvent() throws Exception {
        provider.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.beginEvents();
            for (String word : List.of("Hel", "lo", " ✓")) {
                ex.event("{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + word + "\"}}]}");
            }
            ex.event("[DONE]");
            ex.end();
        });

        HttpResponse<InputStream> res = gateway.stream(gateway.request("/v1/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true,\"messages\":[]}"))
                .headers(openAi()).build());

        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        List<String> data = GatewayClient.dataLines(res.body());
        assertEquals(4, data.size());
        assertEquals(" ✓", json(data.get(2)).getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("content"));
        assertEquals("[DONE]", data.get(3));
        assertTrue(provider.takeRequest(1000).bodyText().contains("\"stream\":true"));
    }

    @Test
    void firstEventReachesClientWhileUpstreamIsStillSending() throws Exception {
        java.util.concurrent.CountDownLatch clientGotFirst = new java.util.concurrent.CountDownLatch(1);
        boolean[] upstreamStillOpenWhenClientGotIt = {false};
        provider.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.beginEvents();
            ex.event("{\"choices\":[{\"delta\":{\"content\":\"first\"}}]}");
            // Hold the rest back until the client has seen the first event (or give up after 10 s).
            upstreamStillOpenWhenClientGotIt[0] = clientGotFirst.await(10, java.util.concurrent.TimeUnit.SECONDS);
            ex.event("{\"choices\":[{\"delta\":{\"content\":\"second\"}}]}");
            ex.event("[DONE]");
            ex.end();
        });

        HttpResponse<InputStream> res = gateway.stream(gateway.request("/v1/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true}"))
                .headers(openAi()).build());
        try (BufferedReader r = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            String first = r.readLine();
            assertTrue(first.contains("first"), first);
            clientGotFirst.countDown();
            List<String> rest = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                rest.add(line);
            }
            assertTrue(rest.contains("data: [DONE]"));
        }
        assertTrue(upstreamStillOpenWhenClientGotIt[0], "the first event must not wait for the upstream to finish");
    }

    @Test
    void aContentLengthBesideChunkedBytesIsNeverRelayed() throws Exception {
        provider.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.begin(200, Map.of("Content-Type", "application/json", "Content-Length", "7"));
            ex.chunk(COMPLETION.substring(0, 10));
            ex.chunk(COMPLETION.substring(10));
            ex.end();
        });

        GatewayClient.RawResponse res = gateway.raw("POST", "/v1/chat/completions", CHAT, openAi());

        assertEquals(200, res.status());
        assertFalse(res.head().toLowerCase(java.util.Locale.ROOT).contains("content-length: 7"), res.head());
        assertEquals(COMPLETION, res.body(), "the whole answer, framed as sent");
        assertEquals(CHAT, provider.takeRequest(1000).bodyText());
    }

    @Test
    void upstreamDyingMidStreamEndsWithAnExplicitErrorEvent() throws Exception {
        provider.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.beginEvents();
            ex.event("{\"choices\":[{\"delta\":{\"content\":\"partial\"}}]}");
            Thread.sleep(100);
            ex.reset();
        });

        HttpResponse<InputStream> res = gateway.stream(gateway.request("/v1/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true}"))
                .headers(openAi()).build());
        List<String> data = GatewayClient.dataLines(res.body());

        assertEquals(200, res.statusCode());
        assertTrue(data.get(0).contains("partial"));
        String last = data.get(data.size() - 1);
        assertFalse(data.contains("[DONE]"), "a broken stream must not look finished");
        assertEquals("stream_interrupted", json(last).getJsonObject("error").getString("code"));
        assertGatewayStillServes();
    }

    @Test
    void aFinalDoneWithoutTheBlankLineStillEndsTheStreamCleanly() throws Exception {
        provider.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.beginEvents();
            ex.event("{\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}");
            ex.chunk("data: [DONE]\n"); // some servers end this way
            ex.end();
        });

        HttpResponse<InputStream> res = gateway.stream(gateway.request("/v1/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true}"))
                .headers(openAi()).build());
        List<String> data = GatewayClient.dataLines(res.body());

        assertEquals(List.of("[DONE]"), data.subList(1, data.size()), "no error event after a complete stream");
    }

    @Test
    void aJsonAnswerTheUpstreamBreaksOffIsA502NeverAHalfAnswer() throws Exception {
        byte[] part = "{\"id\":\"chatcmpl-1\",\"choices\":[".getBytes(StandardCharsets.UTF_8);
        // With a Content-Length: the body stops short, then the connection is reset.
        provider.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.respond(200, Map.of("Content-Type", "application/json"), 5000, new java.io.ByteArrayInputStream(part));
            ex.reset();
        });
        assertAnswerIncompleteWithinSeconds();
        // Chunked: the terminating chunk never comes.
        provider.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.begin(200, Map.of("Content-Type", "application/json"));
            ex.chunk(part);
            ex.reset();
        });
        assertAnswerIncompleteWithinSeconds();
        assertEquals(2, provider.requests().size());
        assertGatewayStillServes();
    }

    private void assertAnswerIncompleteWithinSeconds() throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions", CHAT, openAi());
        assertError(res, 502, "upstream_answer_incomplete");
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000, "the break must reach the client promptly");
    }

    @Test
    void clientDisconnectCancelsTheUpstreamCall() throws Exception {
        provider.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.beginEvents();
            for (int i = 0; i < 200; i++) {
                ex.event("{\"choices\":[{\"delta\":{\"content\":\"tick " + i + "\"}}]}");
                Thread.sleep(50);
            }
            ex.end();
        });

        HttpResponse<InputStream> res = gateway.stream(gateway.request("/v1/chat/completions")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"stream\":true}"))
                .headers(openAi()).build());
        InputStream body = res.body();
        assertTrue(new String(body.readNBytes(20), StandardCharsets.UTF_8).startsWith("data:"));
        body.close();

        String hangUp = provider.awaitHangUp(5000);
        assertNotNull(hangUp, "the gateway should abort the upstream call within seconds of the client leaving");
        assertGatewayStillServes();
    }

    @Test
    void upstreamErrorsPassThroughWithStatusAndBody() throws Exception {
        String error = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}";
        provider.on("POST", "/v1/chat/completions", (req, ex) -> ex.respond(429,
                Map.of("Content-Type", "application/json", "retry-after", "7"), error.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions", CHAT, openAi());
        assertEquals(429, res.statusCode());
        assertEquals(error, res.body());
        assertEquals("7", res.headers().firstValue("retry-after").orElseThrow());

        provider.on("POST", "/v1/chat/completions", (req, ex) -> ex.json(500, "{\"error\":{\"message\":\"boom\"}}"));
        HttpResponse<String> five = gateway.postJson("/v1/chat/completions", "{\"model\":\"m\",\"stream\":true}", openAi());
        assertEquals(500, five.statusCode());
        assertEquals("boom", json(five.body()).getJsonObject("error").getString("message"));
    }

    @Test
    void gatewayRefusesBadRequestsWithJsonErrors() throws Exception {
        assertError(gateway.postJson("/v1/chat/completions", CHAT), 400, "missing_provider");
        HttpResponse<String> unknown = gateway.postJson("/v1/chat/completions", CHAT, "x-portkey-provider", "nope");
        assertError(unknown, 400, "unknown_provider");
        assertTrue(json(unknown.body()).getJsonObject("error").getString("message").contains("openai"), "names the valid providers");
        assertError(gateway.postJson("/v1/chat/completions", "{not json", openAi()), 400, "invalid_body");
        assertError(gateway.postJson("/v1/chat/completions", "[1,2]", openAi()), 400, "invalid_body");
        assertError(gateway.postJson("/v1/chat/completions", CHAT, openAi("x-portkey-metadata", "[\"a\"]")), 400, "invalid_metadata");
        assertError(gateway.postJson("/v1/chat/completions", CHAT, openAi("x-portkey-metadata", "{oops")), 400, "invalid_metadata");
        assertError(gateway.postJson("/v1/chat/completions", CHAT, "x-portkey-config", "\"pc-1\"x"), 400, "invalid_config");
        assertError(gateway.postJson("/v1/chat/completions", CHAT, "x-portkey-config", "[]"), 400, "invalid_config");
        assertError(gateway.postJson("/v1/chat/completions", CHAT, "x-portkey-provider", "openai",
                "x-portkey-custom-host", "ftp://127.0.0.1/v1"), 400, "invalid_custom_host");
        assertError(gateway.postJson("/v1/embeddings", "{\"input\":\"x\"}", "x-portkey-provider", "groq"), 400, "unsupported_capability");
        assertEquals(0, provider.requests().size(), "nothing refused may reach the provider");
    }

    @Test
    void oversizedHeaderBlockIsRefusedAndGatewayKeepsServing() throws Exception {
        String huge = "x".repeat(100_000);
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions", CHAT, openAi("x-portkey-metadata", "{\"k\":\"" + huge + "\"}"));
        assertTrue(res.statusCode() == 431 || res.statusCode() == 400 || res.statusCode() == 413, "got " + res.statusCode());
        assertGatewayStillServes();
    }

    @Test
    void unreachableAndSlowUpstreamsBecomeGatewayErrors() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertError(gateway.postJson("/v1/chat/completions", CHAT, "x-portkey-provider", "openai",
                "x-portkey-custom-host", "http://127.0.0.1:" + closedPort + "/v1"), 502, "upstream_unreachable");

        provider.on("POST", "/v1/chat/completions", (req, ex) -> ex.hangUp());
        assertError(gateway.postJson("/v1/chat/completions", CHAT, openAi()), 502, "upstream_connection_failed");

        provider.on("POST", "/v1/chat/completions", (req, ex) -> {
            Thread.sleep(3000);
            ex.json(200, COMPLETION);
        });
        long t0 = System.nanoTime();
        HttpResponse<String> timedOut = gateway.postJson("/v1/chat/completions", CHAT, openAi("x-portkey-request-timeout", "300"));
        assertError(timedOut, 408, "request_timeout");
        assertEquals("timeout_error", json(timedOut.body()).getJsonObject("error").getString("type"));
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 2500, "answered at the timeout, not when the upstream did");
    }

    @Test
    void traceIdIsGeneratedWhenAbsentAndAlwaysEchoed() throws Exception {
        provider.on("POST", "/v1/chat/completions", (req, ex) -> ex.json(200, COMPLETION));
        HttpResponse<String> ok = gateway.postJson("/v1/chat/completions", CHAT, openAi());
        String generated = ok.headers().firstValue("x-portkey-trace-id").orElseThrow();
        assertTrue(generated.length() >= 16, generated);
        HttpResponse<String> err = gateway.postJson("/v1/chat/completions", CHAT, "x-portkey-trace-id", "err-trace");
        assertEquals("err-trace", err.headers().firstValue("x-portkey-trace-id").orElseThrow());
    }

    @Test
    void forwardHeadersAreCopiedAndGatewayHeadersNeverLeak() throws Exception {
        provider.on("POST", "/v1/chat/completions", (req, ex) -> ex.json(200, COMPLETION));
        gateway.postJson("/v1/chat/completions", CHAT, openAi(
                "x-portkey-forward-headers", "x-tenant, x-request-origin",
                "x-tenant", "acme", "x-request-origin", "batch", "x-not-forwarded", "secret",
                "x-portkey-metadata", "{\"user\":\"u1\"}", "openai-beta", "assistants=v2"));
        RecordedRequest got = provider.takeRequest(1000);
        assertEquals("acme", got.header("x-tenant"));
        assertEquals("batch", got.header("x-request-origin"));
        assertNull(got.header("x-not-forwarded"), "unified routes only forward what was asked for");
        assertEquals("assistants=v2", got.header("openai-beta"), "provider's own headers pass through");
        got.headers().keySet().forEach(name -> assertFalse(name.startsWith("x-portkey-"), "leaked " + name));
    }

    @Test
    void singleTargetConfigSuppliesProviderKeyHostAndOverrideParams() throws Exception {
        provider.on("POST", "/v1/chat/completions", (req, ex) -> ex.json(200, COMPLETION));
        String config = "{\"provider\":\"openai\",\"api_key\":\"sk-from-config\",\"custom_host\":\"" + provider.baseUrl()
                + "/v1\",\"override_params\":{\"model\":\"gpt-4o\",\"response_format\":{\"type\":\"json_object\"}}}";
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions", CHAT, "x-portkey-config", config);
        assertEquals(200, res.statusCode());
        RecordedRequest got = provider.takeRequest(1000);
        assertEquals("Bearer sk-from-config", got.header("authorization"));
        JsonObject sent = json(got.bodyText());
        assertEquals("gpt-4o", sent.getString("model"));
        assertEquals("json_object", sent.getJsonObject("response_format").getString("type"));
        assertEquals(1, sent.getJsonArray("messages").size(), "the rest of the body is kept");
    }

    @Test
    void fiftyConcurrentMixedRequestsEachGetTheirOwnAnswer() throws Exception {
        provider.on("POST", "/v1/chat/completions", (req, ex) -> {
            String id = json(req.bodyText()).getString("user");
            if (req.bodyText().contains("\"stream\":true")) {
                ex.beginEvents();
                ex.event("{\"id\":\"" + id + "\",\"choices\":[{\"delta\":{\"content\":\"" + id + "\"}}]}");
                Thread.sleep(20);
                ex.event("[DONE]");
                ex.end();
            } else {
                Thread.sleep(20);
                ex.json(200, "{\"id\":\"" + id + "\"}");
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String id = "req-" + i;
                boolean stream = i % 2 == 0;
                answers.add(pool.submit(() -> {
                    String body = "{\"model\":\"m\",\"user\":\"" + id + "\"" + (stream ? ",\"stream\":true" : "") + "}";
                    if (stream) {
                        HttpResponse<InputStream> r = gateway.stream(gateway.request("/v1/chat/completions")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).headers(openAi()).build());
                        return json(GatewayClient.dataLines(r.body()).get(0)).getString("id");
                    }
                    return json(gateway.postJson("/v1/chat/completions", body, openAi()).body()).getString("id");
                }));
            }
            for (int i = 0; i < 50; i++) {
                assertEquals("req-" + i, answers.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rootAnswersABannerAndUnknownPathsAreJson() throws Exception {
        HttpResponse<String> root = gateway.send(gateway.request("/").GET().build());
        assertEquals(200, root.statusCode());
        assertEquals("ok", json(root.body()).getString("status"));
        HttpResponse<String> wrongMethod = gateway.send(gateway.request("/v1/chat/completions").GET().build());
        assertEquals(405, wrongMethod.statusCode());
        assertTrue(wrongMethod.body().startsWith("{\"error\""));
        HttpResponse<String> nowhere = gateway.send(gateway.request("/nowhere").GET().build());
        assertEquals(404, nowhere.statusCode());
        assertTrue(nowhere.body().startsWith("{\"error\""));
    }

    private void assertGatewayStillServes() throws Exception {
        assertEquals(200, gateway.send(gateway.request("/").GET().build()).statusCode());
    }

    private static void assertError(HttpResponse<String> res, int status, String code) {
        assertEquals(status, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        JsonObject error = json(res.body()).getJsonObject("error");
        assertEquals(code, error.getString("code"), res.body());
        assertFalse(error.getString("message").isBlank());
        assertTrue(error.containsKey("type"));
    }
}
