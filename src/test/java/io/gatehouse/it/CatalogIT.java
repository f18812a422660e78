package io.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The model catalog, gateway keys and limits on a real Payara Micro, with a configuration directory of
 * this test's own ({@link ServerConfigDir}): {@code @slug} in the header, the config and the model string,
 * virtual keys, key rotation, gateway keys and their grants — what the client sees and what each fake
 * provider received. Secrets come from files in that directory.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CatalogIT {
    static final String ADMIN_KEY = "gh-admin-3f9a";
    static final String TEAM_KEY = "gh-team-77c1";
    static final String LIMITED_KEY = "gh-limited-0b2e";
    static final String BUDGET_KEY = "gh-budget-9d41";
    static final String TOKENS_KEY = "gh-tokens-51aa";
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    /** Fakes for the catalog's providers; started before the deployment, whose catalog names their ports. */
    static final FakeUpstream OPENAI = FakeUpstream.started();
    static final FakeUpstream ANTHROPIC = FakeUpstream.started();
    static final FakeUpstream COHERE = FakeUpstream.started();
    static final ServerConfigDir CONFIG = new ServerConfigDir("it-catalog-config");

    @ArquillianResource
    URL deployed;

    GatewayClient gateway;

    @Deployment(testable = false)
    static WebArchive war() {
        writeServerConfig();
        return CONFIG.deployment();
    }

    static void writeServerConfig() {
        CONFIG.write("secrets/openai-1", "sk-openai-one\n")
                .write("secrets/openai-2", "sk-openai-two\n")
                .write("secrets/anthropic", "sk-ant-cat")
                .write("secrets/cohere", "co-cat-key")
                .write("gatehouse.properties", "server-config.reload-interval-ms=200\n")
                .write("catalog.json", catalog())
                .write("gateway-keys.json", keys(LIMITED_KEYS));
    }

    static String catalog() {
        return """
                {"entries": [
                  {"slug": "openai-prod", "provider": "openai", "custom_host": "%s/v1", "aliases": ["openai-key"],
                   "keys": [{"file": "secrets/openai-1"}, {"file": "secrets/openai-2"}]},
                  {"slug": "anthropic-prod", "provider": "anthropic", "custom_host": "%s/v1", "keys": [{"file": "secrets/anthropic"}]},
                  {"slug": "cohere-prod", "provider": "cohere", "custom_host": "%s/v1", "keys": [{"file": "secrets/cohere"}]},
                  {"slug": "keyless", "provider": "openai-compatible", "custom_host": "%s/v1"},
                  {"slug": "priced", "provider": "openai", "custom_host": "%s/v1", "keys": [{"file": "secrets/openai-1"}],
                   "pricing": {"gpt-4o-mini": {"input": 1000000, "output": 1000000}}},
                  {"slug": "one-a-window", "provider": "openai", "custom_host": "%s/v1", "keys": [{"file": "secrets/openai-1"}],
                   "limits": {"requests": 1, "window_seconds": 3600}}
                ]}""".formatted(OPENAI.baseUrl(), ANTHROPIC.baseUrl(), COHERE.baseUrl(), OPENAI.baseUrl(), OPENAI.baseUrl(),
                OPENAI.baseUrl());
    }

    /** Keys with limits: 2 requests per 2 s; a $5 daily budget; 10 tokens per hour. */
    static final String LIMITED_KEYS = """
            ,
              {"name": "limited", "sha256": "%s", "entries": ["*"], "limits": {"requests": 2, "window_seconds": 2}},
              {"name": "budgeted", "sha256": "%s", "entries": ["priced"], "limits": {"budgets": [{"usd": 5, "period": "day"}]}},
              {"name": "tokens", "sha256": "%s", "entries": ["*"], "limits": {"tokens": 10, "window_seconds": 3600}}"""
            .formatted(sha256(LIMITED_KEY), sha256(BUDGET_KEY), sha256(TOKENS_KEY));

    /** The gateway keys, by hash; {@code extra} adds key objects. */
    static String keys(String extra) {
        return """
                {"keys": [
                  {"name": "admin", "sha256": "%s", "entries": ["*"], "direct_providers": true},
                  {"name": "team-a", "sha256": "%s", "entries": ["openai-prod"], "models": ["gpt-4o-mini"],
                   "metadata": {"team": "a"}}%s
                ]}""".formatted(sha256(ADMIN_KEY), sha256(TEAM_KEY), extra);
    }

    static String sha256(String key) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopFakes() throws Exception {
        for (FakeUpstream f : List.of(OPENAI, ANTHROPIC, COHERE)) {
            f.close();
        }
    }

    @BeforeEach
    void setUp() {
        // Also the hook arquillian-junit5 needs to inject @ArquillianResource fields.
        List.of(OPENAI, ANTHROPIC, COHERE).forEach(FakeUpstream::reset);
        gateway = new GatewayClient(deployed);
        OPENAI.on("POST", "/v1/chat/completions", (req, ex) -> ex.json(200, completion("from-openai")));
        ANTHROPIC.on("POST", "/v1/messages", (req, ex) -> ex.json(200, """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"text","text":"hi"}],
                 "stop_reason":"end_turn","usage":{"input_tokens":5,"output_tokens":2}}"""));
    }

    static String completion(String id) {
        return "{\"id\":\"" + id + "\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10}}";
    }

    private HttpResponse<String> chat(String body, String... headers) throws Exception {
        return gateway.postJson("/v1/chat/completions", body, headers);
    }

    /** As the admin key: every entry, own provider keys allowed. */
    private HttpResponse<String> adminChat(String body, String... headers) throws Exception {
        List<String> h = new ArrayList<>(List.of("x-portkey-api-key", ADMIN_KEY));
        h.addAll(List.of(headers));
        return chat(body, h.toArray(String[]::new));
    }

    static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    private static void assertError(HttpResponse<String> res, int status, String code) {
        assertEquals(status, res.statusCode(), res.body());
        assertEquals(code, json(res.body()).getJsonObject("error").getString("code"), res.body());
        assertEquals("application/json", res.headers().firstValue("content-type").orElse("").split(";")[0]);
    }

    // --- @slug in its three places, virtual keys -----------------------------------------------------

    @Test
    void providerHeaderSlugUsesTheEntrysKeyAndHost() throws Exception {
        HttpResponse<String> res = adminChat(CHAT, "x-portkey-provider", "@openai-prod");

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("openai", res.headers().firstValue("x-portkey-provider").orElseThrow());
        RecordedRequest got = OPENAI.takeRequest(1000);
        assertTrue(got.header("authorization").startsWith("Bearer sk-openai-"), "a catalog key, from its secret file");
        assertNull(got.header("x-portkey-api-key"));
        assertEquals(CHAT, got.bodyText(), "no @slug: the body goes byte for byte");
    }

    @Test
    void configProviderSlugAndVirtualKeyNameEntries() throws Exception {
        HttpResponse<String> res = adminChat(CHAT, "x-portkey-config", "{\"provider\":\"@anthropic-prod\"}");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("sk-ant-cat", ANTHROPIC.takeRequest(1000).header("x-api-key"));

        res = adminChat(CHAT, "x-portkey-config", "{\"virtual_key\":\"openai-key\"}");
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(OPENAI.takeRequest(1000).header("authorization").startsWith("Bearer sk-openai-"));

        res = adminChat(CHAT, "x-portkey-virtual-key", "openai-key");
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(OPENAI.takeRequest(1000).header("authorization").startsWith("Bearer sk-openai-"));
    }

    @Test
    void modelStringSlugChoosesTheEntryAndOnlyTheModelBytesChange() throws Exception {
        String body = "{\"model\" : \"@openai-prod/gpt-4o-mini\", \"temperature\":0.50,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> res = adminChat(body);
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(body.replace("@openai-prod/", ""), OPENAI.takeRequest(1000).bodyText());

        res = adminChat("{\"model\":\"@anthropic-prod/claude-x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("anthropic", res.headers().firstValue("x-portkey-provider").orElseThrow());
        assertEquals("claude-x", json(ANTHROPIC.takeRequest(1000).bodyText()).getString("model"));
        assertEquals("claude-x", json(res.body()).getString("model"));
    }

    @Test
    void theMessagesAndResponsesApisAddressTheCatalogToo() throws Exception {
        String messages = "{\"model\":\"@openai-prod/gpt-4o-mini\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        HttpResponse<String> res = gateway.postJson("/v1/messages", messages, "x-portkey-api-key", ADMIN_KEY,
                "x-api-key", "sk-client-unused", "anthropic-version", "2023-06-01");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("message", json(res.body()).getString("type"), "translated to OpenAI, answered as a Messages message");
        assertEquals(7, json(res.body()).getJsonObject("usage").getInt("input_tokens"));
        RecordedRequest toOpenAi = OPENAI.takeRequest(1000);
        assertEquals("/v1/chat/completions", toOpenAi.path());
        assertEquals("gpt-4o-mini", json(toOpenAi.bodyText()).getString("model"));
        assertTrue(toOpenAi.header("authorization").startsWith("Bearer sk-openai-"), "the catalog's key, not the client's x-api-key");

        res = gateway.postJson("/v1/messages", messages.replace("@openai-prod/gpt-4o-mini", "@anthropic-prod/claude-x"),
                "x-portkey-api-key", ADMIN_KEY, "x-api-key", "sk-client-unused", "anthropic-version", "2023-06-01");
        assertEquals(200, res.statusCode(), res.body());
        RecordedRequest toAnthropic = ANTHROPIC.takeRequest(1000);
        assertEquals("sk-ant-cat", toAnthropic.header("x-api-key"));
        assertEquals("claude-x", json(toAnthropic.bodyText()).getString("model"), "native: only the model's bytes change");

        res = gateway.postJson("/v1/responses", "{\"model\":\"@anthropic-prod/claude-x\",\"input\":\"hi\"}", "x-portkey-api-key", ADMIN_KEY);
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("hi", json(res.body()).getString("output_text"));
        assertEquals("claude-x", json(ANTHROPIC.takeRequest(1000).bodyText()).getString("model"));

        HttpResponse<String> unauthenticated = gateway.postJson("/v1/messages", messages, "x-api-key", "sk-client");
        assertEquals(401, unauthenticated.statusCode());
        assertEquals("authentication_error", json(unauthenticated.body()).getJsonObject("error").getString("type"),
                "in Anthropic's error shape");
    }

    @Test
    void fallbackAcrossCatalogEntriesByModelStringAsInPortkeysExample() throws Exception {
        OPENAI.on("POST", "/v1/chat/completions", (req, ex) -> ex.json(503, "{\"error\":{\"message\":\"down\"}}"));
        String config = """
                {"strategy": {"mode": "fallback"}, "targets": [
                  {"override_params": {"model": "@openai-prod/gpt-4o"}},
                  {"override_params": {"model": "@anthropic-prod/claude-x"}}]}""".replace("\n", "");

        HttpResponse<String> res = adminChat("{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}", "x-portkey-config", config);

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("config.targets[1]", res.headers().firstValue("x-portkey-last-used-option-index").orElseThrow());
        assertEquals("gpt-4o", json(OPENAI.takeRequest(1000).bodyText()).getString("model"));
        assertEquals("claude-x", json(ANTHROPIC.takeRequest(1000).bodyText()).getString("model"));
    }

    @Test
    void theProxyReachesAnEntryWithItsKeyAndNeverForwardsTheGatewayKey() throws Exception {
        COHERE.on("POST", "/v1/rerank", (req, ex) -> ex.json(200, "{\"results\":[]}"));
        HttpResponse<String> res = gateway.send(gateway.request("/v1/rerank")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"rerank-english-v2.0\",\"query\":\"q\",\"documents\":[\"a\"]}"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .header("x-portkey-provider", "@cohere-prod").build());

        assertEquals(200, res.statusCode(), res.body());
        RecordedRequest got = COHERE.takeRequest(1000);
        assertEquals("/v1/rerank", got.path());
        assertEquals("Bearer co-cat-key", got.header("authorization"));

        // An entry without keys: the client's Authorization would pass through, but it carried the gateway key.
        OPENAI.on("GET", "/v1/files", (req, ex) -> ex.json(200, "{\"data\":[]}"));
        res = gateway.send(gateway.request("/v1/files").GET()
                .header("Authorization", "Bearer " + ADMIN_KEY).header("x-portkey-provider", "@keyless").build());
        assertEquals(200, res.statusCode(), res.body());
        RecordedRequest files = OPENAI.takeRequest(1000);
        assertNull(files.header("authorization"), "the gateway key never reaches a provider");
        files.headers().values().forEach(values -> values.forEach(v -> assertFalse(v.contains(ADMIN_KEY))));
    }

    @Test
    void anUnknownSlugIs400NamingIt() throws Exception {
        HttpResponse<String> res = adminChat(CHAT, "x-portkey-provider", "@no-such-entry");
        assertError(res, 400, "unknown_provider");
        assertTrue(res.body().contains("'no-such-entry'"), res.body());
        assertError(adminChat("{\"model\":\"@nope/gpt-4o\"}"), 400, "unknown_provider");
        assertError(adminChat(CHAT, "x-portkey-config", "{\"virtual_key\":\"nope\"}"), 400, "invalid_config");
        assertTrue(OPENAI.requests().isEmpty());
    }

    // --- key rotation -----------------------------------------------------------------------------------

    @Test
    void rotationMovesPastAKeyThatAnswered401() throws Exception {
        OPENAI.on("POST", "/v1/chat/completions", (req, ex) -> {
            if (req.header("authorization").equals("Bearer sk-openai-one")) {
                ex.json(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}");
            } else {
                ex.json(200, completion("from-key-two"));
            }
        });

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> res = adminChat(CHAT, "x-portkey-provider", "@openai-prod");
            assertEquals(200, res.statusCode(), res.body());
            assertEquals("from-key-two", json(res.body()).getString("id"));
        }
        List<String> sent = OPENAI.requests().stream().map(r -> r.header("authorization")).toList();
        assertEquals(1, sent.stream().filter("Bearer sk-openai-one"::equals).count(),
                "the refused key is tried once, then sits out its cool-down: " + sent);
        assertEquals(3, sent.stream().filter("Bearer sk-openai-two"::equals).count());
    }

    // --- gateway keys -----------------------------------------------------------------------------------

    @Test
    void aMissingOrUnknownGatewayKeyIs401() throws Exception {
        assertError(chat(CHAT, "x-portkey-provider", "@openai-prod"), 401, "missing_api_key");
        HttpResponse<String> unknown = chat(CHAT, "x-portkey-provider", "@openai-prod", "x-portkey-api-key", "gh-guess");
        assertError(unknown, 401, "invalid_api_key");
        assertFalse(unknown.body().contains("gh-guess"));
        assertError(chat(CHAT, "x-portkey-provider", "openai", "Authorization", "Bearer sk-a-provider-key"), 401, "invalid_api_key");
        assertTrue(OPENAI.requests().isEmpty());
        HttpResponse<String> proxied = gateway.send(gateway.request("/v1/files").GET().header("x-portkey-provider", "@keyless").build());
        assertError(proxied, 401, "missing_api_key");
    }

    @Test
    void aCallOutsideTheKeysGrantsIs403() throws Exception {
        HttpResponse<String> ok = chat(CHAT, "x-portkey-api-key", TEAM_KEY, "x-portkey-provider", "@openai-prod");
        assertEquals(200, ok.statusCode(), ok.body());

        assertError(chat(CHAT, "x-portkey-api-key", TEAM_KEY, "x-portkey-provider", "@anthropic-prod"), 403, "entry_not_allowed");
        assertError(chat("{\"model\":\"@openai-prod/gpt-4o\"}", "x-portkey-api-key", TEAM_KEY), 403, "model_not_allowed");
        assertError(chat(CHAT, "x-portkey-api-key", TEAM_KEY, "x-portkey-provider", "openai",
                "x-portkey-custom-host", OPENAI.baseUrl() + "/v1", "Authorization", "Bearer sk-own"), 403, "entry_not_allowed");
        assertEquals(1, OPENAI.requests().size());
    }

    @Test
    void theAdminKeyMayUseItsOwnProviderKeyWhichGoesUpstream() throws Exception {
        HttpResponse<String> res = adminChat(CHAT, "x-portkey-provider", "openai",
                "x-portkey-custom-host", OPENAI.baseUrl() + "/v1", "Authorization", "Bearer sk-own");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("Bearer sk-own", OPENAI.takeRequest(1000).header("authorization"));
    }

    // --- usage metering ---------------------------------------------------------------------------------

    /** A fake OpenAI stream; the usage chunk only when the request asked for it, as OpenAI does. */
    static final FakeUpstream.Responder STREAM_WITH_USAGE = (req, ex) -> {
        ex.beginEvents();
        ex.event("{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}");
        ex.event("{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}");
        ex.event("{\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        if (req.bodyText().contains("\"include_usage\":true")) {
            ex.event("{\"id\":\"c1\",\"choices\":[],\"usage\":{\"prompt_tokens\":6,\"completion_tokens\":4,\"total_tokens\":10}}");
        }
        ex.event("[DONE]");
        ex.end();
    };

    private List<String> streamedChat(String body, String... headers) throws Exception {
        HttpRequest.Builder b = gateway.request("/v1/chat/completions").POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<java.io.InputStream> res = gateway.stream(b.build());
        assertEquals(200, res.statusCode());
        return GatewayClient.dataLines(res.body());
    }

    @Test
    void streamsAskTheProviderForUsageAndTheClientOnlySeesTheChunkWhenItAsked() throws Exception {
        OPENAI.on("POST", "/v1/chat/completions", STREAM_WITH_USAGE);
        String body = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

        List<String> events = streamedChat(body, "x-portkey-api-key", ADMIN_KEY, "x-portkey-provider", "@openai-prod");

        assertEquals("{\"stream_options\":{\"include_usage\":true}," + body.substring(1), OPENAI.takeRequest(1000).bodyText(),
                "the usage request is added in front; the rest is byte for byte");
        assertEquals(4, events.size(), events.toString());
        assertTrue(events.stream().noneMatch(e -> e.contains("\"usage\"")), "the gateway's own usage chunk is not relayed");
        assertEquals("[DONE]", events.get(3));

        String asking = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[]}";
        events = streamedChat(asking, "x-portkey-api-key", ADMIN_KEY, "x-portkey-provider", "@openai-prod");
        assertEquals(asking, OPENAI.takeRequest(1000).bodyText());
        assertEquals(5, events.size(), events.toString());
        assertTrue(events.get(3).contains("\"total_tokens\":10"), "the client asked: it gets the usage chunk");
    }

    // --- limits -----------------------------------------------------------------------------------------

    @Test
    void aRateLimitAnswers429WithRetryAfterThenRecovers() throws Exception {
        HttpResponse<String> res = null;
        int admitted = 0;
        // The 2-second window may turn between requests: keep sending until one is refused.
        for (int i = 0; i < 10 && (res == null || res.statusCode() == 200); i++) {
            res = chat(CHAT, "x-portkey-api-key", LIMITED_KEY, "x-portkey-provider", "@openai-prod");
            admitted += res.statusCode() == 200 ? 1 : 0;
        }
        assertError(res, 429, "rate_limit_exceeded");
        assertTrue(admitted >= 2, "two requests per window are let through");
        assertEquals("2", res.headers().firstValue("x-ratelimit-limit-requests").orElseThrow());
        assertEquals("0", res.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow());
        assertTrue(res.headers().firstValue("x-ratelimit-reset-requests").orElseThrow().matches("[12]s"));
        long retryAfter = Long.parseLong(res.headers().firstValue("retry-after").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "retry-after " + retryAfter);
        assertNull(res.headers().firstValue("x-portkey-last-used-option-index").orElse(null), "refused before routing");
        int sentUpstream = OPENAI.requests().size();

        Thread.sleep(retryAfter * 1000);
        HttpResponse<String> after = chat(CHAT, "x-portkey-api-key", LIMITED_KEY, "x-portkey-provider", "@openai-prod");
        assertEquals(200, after.statusCode(), after.body());
        assertEquals(sentUpstream + 1, OPENAI.requests().size(), "the refused request never reached the provider");
    }

    @Test
    void anEntryOverItsLimitIsPassedOverByAFallback() throws Exception {
        String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[{\"provider\":\"@one-a-window\"},{\"provider\":\"@anthropic-prod\"}]}";
        HttpResponse<String> first = adminChat(CHAT, "x-portkey-config", config);
        HttpResponse<String> second = adminChat(CHAT, "x-portkey-config", config);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("config.targets[1]", second.headers().firstValue("x-portkey-last-used-option-index").orElseThrow());
        HttpResponse<String> alone = adminChat(CHAT, "x-portkey-provider", "@one-a-window");
        assertError(alone, 429, "rate_limit_exceeded");
        assertTrue(alone.body().contains("catalog entry '@one-a-window'"), alone.body());
    }

    @Test
    void aSpentBudgetAnswers429NamingTheBudget() throws Exception {
        // 7 + 3 tokens at a dollar each: $10 against a $5 daily budget.
        HttpResponse<String> first = chat(CHAT, "x-portkey-api-key", BUDGET_KEY, "x-portkey-provider", "@priced");
        assertEquals(200, first.statusCode(), first.body());

        HttpResponse<String> next = untilRefused(() -> chat(CHAT, "x-portkey-api-key", BUDGET_KEY, "x-portkey-provider", "@priced"));
        assertError(next, 429, "budget_exceeded");
        assertEquals("insufficient_quota", json(next.body()).getJsonObject("error").getString("type"));
        assertTrue(next.body().contains("daily budget of $5 for gateway key 'budgeted' is spent ($10.000000)"), next.body());
        assertTrue(Long.parseLong(next.headers().firstValue("retry-after").orElseThrow()) > 0);
    }

    @Test
    void streamedUsageCountsAgainstATokenLimit() throws Exception {
        OPENAI.on("POST", "/v1/chat/completions", STREAM_WITH_USAGE);
        String body = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        List<String> events = streamedChat(body, "x-portkey-api-key", TOKENS_KEY, "x-portkey-provider", "@openai-prod");
        assertTrue(events.stream().noneMatch(e -> e.contains("\"usage\"")), events.toString());

        // The stream's 10 tokens (reported in the chunk the client never saw) spent the key's 10 per hour.
        HttpResponse<String> next = untilRefused(() -> chat(CHAT, "x-portkey-api-key", TOKENS_KEY, "x-portkey-provider", "@openai-prod"));
        assertError(next, 429, "rate_limit_exceeded");
        assertEquals("10", next.headers().firstValue("x-ratelimit-limit-tokens").orElseThrow());
        assertEquals("0", next.headers().firstValue("x-ratelimit-remaining-tokens").orElseThrow());
    }

    /** Usage is charged just after the answer's last byte: the next request may need a moment to see it. */
    private static HttpResponse<String> untilRefused(java.util.concurrent.Callable<HttpResponse<String>> send) throws Exception {
        long deadline = System.nanoTime() + 3_000_000_000L;
        HttpResponse<String> res = send.call();
        while (res.statusCode() != 429 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            res = send.call();
        }
        return res;
    }

    // --- hot reload -------------------------------------------------------------------------------------

    /** Sends until {@code done} holds (the change was picked up) or 10 s pass. */
    private static HttpResponse<String> eventually(java.util.concurrent.Callable<HttpResponse<String>> send,
                                                   java.util.function.Predicate<HttpResponse<String>> done) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        HttpResponse<String> res = send.call();
        while (!done.test(res) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            res = send.call();
        }
        return res;
    }

    @Test
    void aChangedGatewayKeyTakesEffectWithoutARestart() throws Exception {
        String newKey = "gh-rotated-key-1";
        java.util.concurrent.Callable<HttpResponse<String>> withNewKey =
                () -> chat(CHAT, "x-portkey-api-key", newKey, "x-portkey-provider", "@openai-prod");
        assertError(withNewKey.call(), 401, "invalid_api_key");
        try {
            // team-a's key is replaced by a new one: the new key works, the old one no longer does.
            CONFIG.write("gateway-keys.json", keys(LIMITED_KEYS).replace(sha256(TEAM_KEY), sha256(newKey)));
            assertEquals(200, eventually(withNewKey, r -> r.statusCode() == 200).statusCode());
            assertError(chat(CHAT, "x-portkey-api-key", TEAM_KEY, "x-portkey-provider", "@openai-prod"), 401, "invalid_api_key");
        } finally {
            CONFIG.write("gateway-keys.json", keys(LIMITED_KEYS));
            eventually(() -> chat(CHAT, "x-portkey-api-key", TEAM_KEY, "x-portkey-provider", "@openai-prod"), r -> r.statusCode() == 200);
        }
    }

    @Test
    void aBrokenFileIsRefusedAndThePreviousConfigurationStays() throws Exception {
        try {
            CONFIG.write("catalog.json", "{\"entries\": [ {\"slug\": \"half-written\"");
            // A key written next to the broken catalog must not come into force either.
            CONFIG.write("gateway-keys.json", keys(LIMITED_KEYS).replace(sha256(TEAM_KEY), sha256("gh-too-early")));
            Thread.sleep(1000); // five checks
            HttpResponse<String> res = adminChat(CHAT, "x-portkey-provider", "@openai-prod");
            assertEquals(200, res.statusCode(), res.body());
            assertError(chat(CHAT, "x-portkey-api-key", "gh-too-early", "x-portkey-provider", "@openai-prod"), 401, "invalid_api_key");
            assertEquals(200, chat(CHAT, "x-portkey-api-key", TEAM_KEY, "x-portkey-provider", "@openai-prod").statusCode());

            // Fixed: both files come into force together.
            CONFIG.write("catalog.json", catalog());
            HttpResponse<String> fixed = eventually(
                    () -> chat(CHAT, "x-portkey-api-key", "gh-too-early", "x-portkey-provider", "@openai-prod"), r -> r.statusCode() == 200);
            assertEquals(200, fixed.statusCode(), fixed.body());
        } finally {
            CONFIG.write("catalog.json", catalog()).write("gateway-keys.json", keys(LIMITED_KEYS));
            eventually(() -> chat(CHAT, "x-portkey-api-key", TEAM_KEY, "x-portkey-provider", "@openai-prod"), r -> r.statusCode() == 200);
        }
    }
}
