package io.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catch-all proxy on a real Payara Micro (started with -Xmx384m), against a fake provider that
 * records what it received: paths, queries, headers and bodies arrive exactly as the client sent them,
 * answers come back the same way, streamed both ways.
 */
class ProxyIT extends GatewayAgainstFakeProvider {
    private static final String RERANK = "{\"model\": \"rerank-english-v2.0\",\n  \"query\": \"What is machine learning?\","
            + "\"documents\": [\"Machine learning is a branch of AI focused on building systems that learn from data.\","
            + "\"Data science involves analyzing and interpreting complex data sets.\"]}";
    private static final String OK = "{\"ok\":true}";

    @BeforeEach
    void answerOkByDefault() {
        provider.otherwise((req, ex) -> ex.json(200, OK));
    }

    /** A request through the proxy to the fake provider as {@code slug}, its custom host ending in /v1. */
    private HttpRequest.Builder proxied(String slug, String pathAndQuery) {
        return gateway.request(pathAndQuery)
                .header("x-portkey-provider", slug)
                .header("x-portkey-custom-host", provider.baseUrl() + "/v1");
    }

    private HttpRequest.Builder openAi(String pathAndQuery) {
        return proxied("openai", pathAndQuery).header("Authorization", "Bearer sk-test-1");
    }

    // --- the seeds' examples -------------------------------------------------------------------

    @Test
    void seedExamplesReachTheProviderAsDocumented() throws Exception {
        provider.on("POST", "/v1/rerank", (req, ex) -> ex.respond(200,
                Map.of("Content-Type", "application/json", "x-request-id", "req-1"),
                "{\"results\":[{\"index\":0,\"relevance_score\":0.98}]}".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> rerank = gateway.send(proxied("cohere", "/v1/rerank")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer co-key")
                .header("x-portkey-trace-id", "trace-rerank")
                .POST(BodyPublishers.ofString(RERANK)).build());
        assertEquals(200, rerank.statusCode());
        assertEquals("{\"results\":[{\"index\":0,\"relevance_score\":0.98}]}", rerank.body());
        assertEquals("trace-rerank", rerank.headers().firstValue("x-portkey-trace-id").orElseThrow());
        assertEquals("cohere", rerank.headers().firstValue("x-portkey-provider").orElseThrow());
        assertEquals("req-1", rerank.headers().firstValue("x-request-id").orElseThrow());
        RecordedRequest got = provider.takeRequest(1000);
        assertEquals("POST /v1/rerank", got.method() + " " + got.path());
        assertEquals("Bearer co-key", got.header("authorization"));
        assertEquals(RERANK, got.bodyText());

        assertEquals(200, gateway.send(openAi("/v1/collections").header("Content-Type", "application/json").GET().build()).statusCode());
        String update = "{\n  \"metadata\": {\n    \"description\": \"Updated collection description\"\n  }\n}";
        assertEquals(200, gateway.send(openAi("/v1/collections/my-collection").header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(update)).build()).statusCode());
        assertEquals(200, gateway.send(openAi("/v1/collections/my-collection").header("Content-Type", "application/json")
                .DELETE().build()).statusCode());
        String chat = "{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}";
        assertEquals(200, gateway.send(openAi("/v1/proxy/chat/completions").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(chat)).build()).statusCode());

        List<RecordedRequest> rest = provider.requests().subList(1, 5);
        assertEquals(List.of("GET /v1/collections", "PUT /v1/collections/my-collection",
                        "DELETE /v1/collections/my-collection", "POST /v1/chat/completions"),
                rest.stream().map(r -> r.method() + " " + r.path()).toList());
        assertEquals(0, rest.get(0).bodySize());
        assertEquals(update, rest.get(1).bodyText());
        assertEquals(chat, rest.get(3).bodyText(), "/v1/proxy/chat/completions passes the body through untouched");
    }

    @Test
    void proxyPrefixBypassesTheUnifiedRouteEntirely() throws Exception {
        provider.on("POST", "/v1/chat/completions", (req, ex) -> ex.respond(418,
                Map.of("Content-Type", "text/plain"), "provider's own answer".getBytes(StandardCharsets.UTF_8)));
        // Not JSON at all: the unified route would refuse it; the proxy does not look.
        HttpResponse<String> res = gateway.send(openAi("/v1/proxy/chat/completions")
                .header("Content-Type", "text/plain").POST(BodyPublishers.ofString("not json {")).build());
        assertEquals(418, res.statusCode());
        assertEquals("provider's own answer", res.body());
        assertEquals("not json {", provider.takeRequest(1000).bodyText());
    }

    // --- methods, paths, queries -----------------------------------------------------------------

    @Test
    void everySupportedMethodIsForwardedWithItsBody() throws Exception {
        for (String method : List.of("POST", "GET", "PUT", "DELETE")) {
            boolean withBody = !method.equals("GET");
            HttpRequest request = openAi("/v1/things/t-1").header("Content-Type", "application/json")
                    .method(method, withBody ? BodyPublishers.ofString("{\"m\":\"" + method + "\"}") : BodyPublishers.noBody())
                    .build();
            assertEquals(200, gateway.send(request).statusCode(), method);
            RecordedRequest got = provider.takeRequest(1000);
            assertEquals(method, got.method());
            assertEquals("/v1/things/t-1", got.path());
            assertEquals(withBody ? "{\"m\":\"" + method + "\"}" : "", got.bodyText(), method + " body");
        }
    }

    @Test
    void patchIsRefusedWith405AndNothingReachesTheProvider() throws Exception {
        HttpResponse<String> res = gateway.send(openAi("/v1/files/f-1").header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString("{\"purpose\":\"x\"}")).build());
        assertError(res, 405, "method_not_allowed");
        assertEquals("POST, GET, PUT, DELETE", res.headers().firstValue("allow").orElseThrow());
        assertTrue(res.body().contains("POST, GET, PUT, DELETE"), "the error names the supported methods");
        assertNull(provider.takeRequest(300), "nothing may reach the provider");
    }

    @Test
    void queryStringAndRawPathArriveByteIdentical() throws Exception {
        String query = "b=2&a=1&a=&empty=&slash=%2F&plus=a+b&space=a%20b&u=%C3%A9t%C3%A9&flag&x=%7E";
        gateway.send(openAi("/v1/files/dir%2Fname%20x/content;v=2?" + query).GET().build());
        RecordedRequest got = provider.takeRequest(1000);
        assertEquals("/v1/files/dir%2Fname%20x/content;v=2", got.path());
        assertEquals(query, got.rawQuery());
    }

    // --- bodies ------------------------------------------------------------------------------------

    @Test
    void nonCanonicalJsonArrivesByteIdentical() throws Exception {
        String json = "{ \"model\" :\t\"m\",\n \"text\": \"caf\\u00e9 \u00e9\",  \"t\": 1.0, \"n\": 1e2, \"k\": {} }";
        gateway.send(openAi("/v1/embeddings/custom").header("Content-Type", "application/json; charset=utf-8")
                .POST(BodyPublishers.ofString(json)).build());
        RecordedRequest got = provider.takeRequest(1000);
        assertArrayEquals(json.getBytes(StandardCharsets.UTF_8), got.body());
        assertEquals("application/json; charset=utf-8", got.header("content-type"), "Content-Type exactly as sent");
        assertFalse(got.chunked());
        assertEquals(String.valueOf(got.bodySize()), got.header("content-length"));
    }

    @Test
    void multipartAndBinaryBodiesArriveIdenticalWithLengthAndChunked() throws Exception {
        byte[] audio = new byte[300_000];
        new Random(7).nextBytes(audio);
        byte[] multipart = multipart("----gatehouse7MA4YWxkTrZu0gW", audio);
        String multipartType = "multipart/form-data; boundary=----gatehouse7MA4YWxkTrZu0gW";
        byte[] ndjson = "{\"a\":1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8);
        record Case(String contentType, byte[] body, boolean chunked) {
        }
        for (Case c : List.of(new Case(multipartType, multipart, false), new Case(multipartType, multipart, true),
                new Case("audio/wav", audio, false), new Case("application/octet-stream", audio, true),
                new Case("application/x-ndjson", ndjson, false))) {
            HttpRequest.BodyPublisher body = c.chunked()
                    ? BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(c.body()))
                    : BodyPublishers.ofByteArray(c.body());
            HttpResponse<String> res = gateway.send(openAi("/v1/uploads/parts").header("Content-Type", c.contentType())
                    .POST(body).build());
            assertEquals(200, res.statusCode(), c.contentType());
            RecordedRequest got = provider.takeRequest(1000);
            assertEquals(GeneratedBytes.sha256(new java.io.ByteArrayInputStream(c.body())), got.bodySha256(), c.contentType());
            assertEquals(c.chunked(), got.chunked(), "framing follows the client's: " + c);
            assertEquals(c.contentType(), got.header("content-type"));
        }
    }

    @Test
    void aMultipartUploadRetriedAfterA503ArrivesIntactOnTheSecondAttempt() throws Exception {
        byte[] audio = new byte[3 << 20]; // more than the 1 MiB kept in memory: the replay copy spills to disk
        new Random(11).nextBytes(audio);
        byte[] multipart = multipart("----gatehouseRetry", audio);
        String expected = GeneratedBytes.sha256(new java.io.ByteArrayInputStream(multipart));
        int[] calls = {0};
        provider.on("POST", "/v1/audio/transcriptions", (req, ex) -> {
            if (calls[0]++ == 0) {
                ex.json(503, "{\"error\":{\"message\":\"overloaded\"}}");
            } else {
                ex.json(200, "{\"text\":\"hello\"}");
            }
        });

        HttpResponse<String> res = gateway.send(openAi("/v1/audio/transcriptions")
                .header("Content-Type", "multipart/form-data; boundary=----gatehouseRetry")
                .header("x-portkey-config", "{\"retry\":{\"attempts\":2,\"on_status_codes\":[503]}}")
                .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(multipart))).build());

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("1", res.headers().firstValue("x-portkey-retry-attempt-count").orElseThrow());
        RecordedRequest first = provider.takeRequest(1000);
        RecordedRequest second = provider.takeRequest(1000);
        assertEquals(expected, first.bodySha256());
        assertEquals(expected, second.bodySha256(), "the resent body is the client's, byte for byte");
        assertEquals(first.header("content-type"), second.header("content-type"));
    }

    @Test
    void largeUploadStreamsThroughWithItsLength() throws Exception {
        long size = 400L << 20; // more than the IT gateway's whole heap (-Xmx384m)
        long t0 = System.nanoTime();
        HttpResponse<String> res = gateway.send(openAi("/v1/files").header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofMinutes(3))
                .POST(BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> new GeneratedBytes(size, 42)), size))
                .build());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, res.statusCode(), res.body());
        RecordedRequest got = provider.takeRequest(1000);
        assertEquals(size, got.bodySize());
        assertFalse(got.chunked());
        assertEquals(String.valueOf(size), got.header("content-length"));
        assertEquals(GeneratedBytes.sha256(size, 42), got.bodySha256());
        System.out.printf("ProxyIT: %d MiB upload through the proxy in %d ms%n", size >> 20, millis);
    }

    @Test
    void largeDownloadStreamsBackWithItsLength() throws Exception {
        long size = 400L << 20;
        provider.on("GET", "/v1/files/big/content", (req, ex) -> ex.respond(200,
                Map.of("Content-Type", "application/octet-stream"), size, new GeneratedBytes(size, 9)));
        long t0 = System.nanoTime();
        HttpResponse<InputStream> res = gateway.stream(openAi("/v1/files/big/content").timeout(Duration.ofMinutes(3)).GET().build());
        assertEquals(200, res.statusCode());
        assertEquals(String.valueOf(size), res.headers().firstValue("content-length").orElseThrow(),
                "an unchanged body keeps its length");
        try (InputStream body = res.body()) {
            assertEquals(GeneratedBytes.sha256(size, 9), GeneratedBytes.sha256(body));
        }
        System.out.printf("ProxyIT: %d MiB download through the proxy in %d ms%n", size >> 20, (System.nanoTime() - t0) / 1_000_000);
    }

    // --- headers -----------------------------------------------------------------------------------

    @Test
    void clientHeadersGoUpstreamButGatewayAndHopByHopHeadersNever() throws Exception {
        provider.on("GET", "/v1/models", (req, ex) -> ex.respond(200,
                Map.of("Content-Type", "application/json", "x-portkey-provider", "spoofed", "x-ratelimit-remaining", "9"),
                OK.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> res = gateway.send(openAi("/v1/models")
                .header("x-portkey-metadata", "{\"user\":\"u1\"}").header("x-portkey-trace-id", "t-7")
                .header("x-tenant", "acme").header("openai-organization", "org-1").header("user-agent", "my-sdk/1.0")
                .GET().build());
        assertEquals("openai", res.headers().firstValue("x-portkey-provider").orElseThrow(), "the upstream cannot spoof it");
        assertEquals(1, res.headers().allValues("x-portkey-provider").size());
        assertEquals("9", res.headers().firstValue("x-ratelimit-remaining").orElseThrow());
        RecordedRequest got = provider.takeRequest(1000);
        assertEquals("acme", got.header("x-tenant"), "the proxy forwards the client's other headers");
        assertEquals("org-1", got.header("openai-organization"));
        assertEquals("my-sdk/1.0", got.header("user-agent"));
        assertEquals("Bearer sk-test-1", got.header("authorization"));
        got.headers().keySet().forEach(name -> assertFalse(name.startsWith("x-portkey-"), "leaked " + name));
        assertNull(got.header("expect"));
        assertEquals("127.0.0.1:" + provider.port(), got.header("host"), "Host names the provider, not the gateway");
    }

    @Test
    void providerAuthSchemesAreApplied() throws Exception {
        // Anthropic, key given as a bearer token: x-api-key and the default version, no Authorization.
        gateway.send(proxied("anthropic", "/v1/proxy/messages").header("Authorization", "Bearer sk-ant-1")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{}")).build());
        RecordedRequest anthropic = provider.takeRequest(1000);
        assertEquals("/v1/messages", anthropic.path());
        assertEquals("sk-ant-1", anthropic.header("x-api-key"));
        assertEquals("2023-06-01", anthropic.header("anthropic-version"));
        assertNull(anthropic.header("authorization"));

        // Anthropic SDK: its own x-api-key, version and beta headers pass as sent.
        gateway.send(proxied("anthropic", "/v1/proxy/messages").header("x-api-key", "sk-ant-sdk")
                .header("anthropic-version", "2024-10-22").header("anthropic-beta", "prompt-caching-2024-07-31")
                .POST(BodyPublishers.ofString("{}")).build());
        RecordedRequest sdk = provider.takeRequest(1000);
        assertEquals("sk-ant-sdk", sdk.header("x-api-key"));
        assertEquals(List.of("2024-10-22"), sdk.headers().get("anthropic-version"));
        assertEquals("prompt-caching-2024-07-31", sdk.header("anthropic-beta"));

        // Deepgram: Authorization: Token, binary audio, query kept.
        byte[] wav = {'R', 'I', 'F', 'F', 0, 1, 2, (byte) 0xFF};
        gateway.send(proxied("deepgram", "/v1/listen?model=nova-2&smart_format=true").header("Authorization", "Bearer dg-1")
                .header("Content-Type", "audio/wav").POST(BodyPublishers.ofByteArray(wav)).build());
        RecordedRequest deepgram = provider.takeRequest(1000);
        assertEquals("/v1/listen", deepgram.path());
        assertEquals("model=nova-2&smart_format=true", deepgram.rawQuery());
        assertEquals("Token dg-1", deepgram.header("authorization"));
        assertArrayEquals(wav, deepgram.body());

        // Gemini: x-goog-api-key, never the key as a bearer token.
        gateway.send(proxied("google", "/v1/models/gemini-1.5-flash:countTokens").header("Authorization", "Bearer g-1")
                .POST(BodyPublishers.ofString("{}")).build());
        RecordedRequest google = provider.takeRequest(1000);
        assertEquals("/v1/models/gemini-1.5-flash:countTokens", google.path());
        assertEquals("g-1", google.header("x-goog-api-key"));
        assertNull(google.header("authorization"));
    }

    @Test
    void aContentLengthBesideChunkedBytesIsNeverRelayed() throws Exception {
        String body = "{\"results\":[{\"index\":0,\"relevance_score\":0.98}]}";
        provider.on("POST", "/v1/rerank", (req, ex) -> {
            ex.begin(200, Map.of("Content-Type", "application/json", "Content-Length", "5"));
            ex.chunk(body);
            ex.end();
        });

        GatewayClient.RawResponse res = gateway.raw("POST", "/v1/rerank", RERANK, "x-portkey-provider", "cohere",
                "x-portkey-custom-host", provider.baseUrl() + "/v1", "Authorization", "Bearer co-key");

        assertEquals(200, res.status());
        assertFalse(res.head().toLowerCase(java.util.Locale.ROOT).contains("content-length: 5"), res.head());
        assertEquals(body, res.body(), "the whole body, framed as sent");
        assertEquals("/v1/rerank", provider.takeRequest(1000).path());
    }

    // --- streaming and failures ----------------------------------------------------------------------

    @Test
    void eventStreamPassesThroughUnchangedAndEachEventIsFlushed() throws Exception {
        CountDownLatch clientGotFirst = new CountDownLatch(1);
        boolean[] upstreamStillOpenWhenClientGotIt = {false};
        String first = "event: message_start\ndata: {\"type\":\"message_start\"}\n\n";
        String rest = "event: content_block_delta\ndata: {\"delta\":{\"text\":\"Hi\"}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        provider.on("POST", "/v1/messages", (req, ex) -> {
            ex.beginEvents();
            ex.chunk(first);
            upstreamStillOpenWhenClientGotIt[0] = clientGotFirst.await(10, TimeUnit.SECONDS);
            ex.chunk(rest);
            ex.end();
        });

        HttpResponse<InputStream> res = gateway.stream(proxied("anthropic", "/v1/proxy/messages")
                .header("x-api-key", "k").POST(BodyPublishers.ofString("{\"stream\":true}")).build());
        assertTrue(res.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        try (InputStream body = res.body()) {
            byte[] firstEvent = body.readNBytes(first.length());
            assertEquals(first, new String(firstEvent, StandardCharsets.UTF_8));
            clientGotFirst.countDown();
            assertEquals(rest, new String(body.readAllBytes(), StandardCharsets.UTF_8),
                    "the proxy adds nothing: no [DONE], no error event");
        }
        assertTrue(upstreamStillOpenWhenClientGotIt[0], "the first event must not wait for the upstream to finish");
    }

    @Test
    void upstreamDyingMidChunkedBodyLeavesTheClientAnIncompleteBody() throws Exception {
        provider.on("GET", "/v1/files/f/content", (req, ex) -> {
            ex.begin(200, Map.of("Content-Type", "application/octet-stream"));
            ex.chunk("partial data");
            Thread.sleep(100);
            ex.reset();
        });
        HttpResponse<InputStream> res = gateway.stream(openAi("/v1/files/f/content").GET().build());
        assertEquals(200, res.statusCode());
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        assertThrows(IOException.class, () -> res.body().transferTo(got), "a cut-off body must not look complete");
        assertEquals("partial data", got.toString(StandardCharsets.UTF_8));
        assertGatewayStillServes();
    }

    @Test
    void upstreamDyingMidBodyWithLengthLeavesTheClientAShortRead() throws Exception {
        provider.on("GET", "/v1/files/f/content", (req, ex) -> {
            ex.respond(200, Map.of("Content-Type", "application/octet-stream"), 1000,
                    new java.io.ByteArrayInputStream(new byte[400]));
            ex.reset();
        });
        HttpResponse<InputStream> res = gateway.stream(openAi("/v1/files/f/content").GET().build());
        assertEquals("1000", res.headers().firstValue("content-length").orElseThrow());
        long t0 = System.nanoTime();
        assertThrows(IOException.class, () -> res.body().readAllBytes());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5000, "the connection is cut, not left waiting");
        assertGatewayStillServes();
    }

    @Test
    void clientLeavingMidDownloadAbortsTheUpstreamCall() throws Exception {
        provider.on("GET", "/v1/files/slow/content", (req, ex) -> {
            ex.begin(200, Map.of("Content-Type", "application/octet-stream"));
            for (int i = 0; i < 200; i++) {
                ex.chunk(new byte[1024]);
                Thread.sleep(50);
            }
            ex.end();
        });
        HttpResponse<InputStream> res = gateway.stream(openAi("/v1/files/slow/content").GET().build());
        InputStream body = res.body();
        assertEquals(1024, body.readNBytes(1024).length);
        body.close();
        assertNotNull(provider.awaitHangUp(5000), "the gateway aborts the upstream call within seconds of the client leaving");
        assertGatewayStillServes();
    }

    @Test
    void gatewayErrorsAreJson() throws Exception {
        assertError(gateway.send(gateway.request("/v1/rerank").POST(BodyPublishers.ofString(RERANK)).build()),
                400, "missing_provider");
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertError(gateway.send(gateway.request("/v1/rerank").header("x-portkey-provider", "cohere")
                .header("x-portkey-custom-host", "http://127.0.0.1:" + closedPort + "/v1")
                .POST(BodyPublishers.ofString(RERANK)).build()), 502, "upstream_unreachable");
        provider.on("POST", "/v1/rerank", (req, ex) -> {
            Thread.sleep(3000);
            ex.json(200, OK);
        });
        assertError(gateway.send(proxied("cohere", "/v1/rerank").header("x-portkey-request-timeout", "300")
                .POST(BodyPublishers.ofString(RERANK)).build()), 408, "request_timeout");
        assertError(gateway.send(openAi("/v1/a/%2e%2e/b").GET().build()), 400, "invalid_path");
    }

    private void assertGatewayStillServes() throws Exception {
        assertEquals(200, gateway.send(gateway.request("/").GET().build()).statusCode());
        assertEquals(200, gateway.send(openAi("/v1/ping").GET().build()).statusCode());
    }

    private static byte[] multipart(String boundary, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void assertError(HttpResponse<String> res, int status, String code) {
        assertEquals(status, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertEquals("true", res.headers().firstValue("x-portkey-gateway-exception").orElse(null));
        JsonObject error = Json.createReader(new StringReader(res.body())).readObject().getJsonObject("error");
        assertEquals(code, error.getString("code"), res.body());
        assertFalse(error.getString("message").isBlank());
    }
}
