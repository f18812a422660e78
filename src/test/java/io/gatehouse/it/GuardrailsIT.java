package io.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
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
 * Guardrails on a real Payara Micro, each outcome row of the wire contract on JSON and on streams, in the
 * three client formats (Chat Completions, Anthropic Messages, Responses): a failing deny input check is a
 * 446 and the provider never hears of the request; a failing deny output check withholds the answer (a
 * fallback then tries its next target); a failing non-deny check is a 246 with the answer; all passing is a
 * 200 — each with {@code hook_results}. Checks come from the config (shorthand and full form) and from the
 * gateway key's defaults in this test's own server-config; the webhook check calls a fake inside the test.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class GuardrailsIT {
    static final FakeUpstream OPENAI = FakeUpstream.started();
    static final FakeUpstream ANTHROPIC = FakeUpstream.started();
    static final FakeUpstream WEBHOOK = FakeUpstream.started();
    static final ServerConfigDir CONFIG = new ServerConfigDir("it-guardrails-config");
    static final String ADMIN_KEY = "gh-guard-admin";
    static final String GUARDED_KEY = "gh-guard-team";
    static final String CHAT = "{\"model\":\"m-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}";
    static final String CHAT_STREAM = CHAT.substring(0, CHAT.length() - 1) + ",\"stream\":true}";
    static final String MESSAGES = "{\"model\":\"m-1\",\"max_tokens\":200,\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}";
    static final String MESSAGES_STREAM = MESSAGES.substring(0, MESSAGES.length() - 1) + ",\"stream\":true}";
    static final String RESPONSES = "{\"model\":\"m-1\",\"input\":\"Weather in Paris?\"}";
    static final String RESPONSES_STREAM = "{\"model\":\"m-1\",\"input\":\"Weather in Paris?\",\"stream\":true}";

    @ArquillianResource
    URL deployed;

    GatewayClient gateway;

    @Deployment(testable = false)
    static WebArchive war() {
        CONFIG.write("gateway-keys.json", """
                {"keys": [
                  {"name": "admin", "sha256": "%s", "entries": ["*"], "direct_providers": true},
                  {"name": "team", "sha256": "%s", "entries": ["*"], "direct_providers": true,
                   "input_guardrails": [{"default.pii": {"categories": ["credit_card", "email"]}, "deny": true}]}
                ]}""".formatted(CatalogIT.sha256(ADMIN_KEY), CatalogIT.sha256(GUARDED_KEY)))
                .write("catalog.json", "{\"entries\": []}");
        return CONFIG.deployment();
    }

    @AfterAll
    static void stopFakes() throws Exception {
        for (FakeUpstream f : List.of(OPENAI, ANTHROPIC, WEBHOOK)) {
            f.close();
        }
    }

    @BeforeEach
    void setUp() {
        // Also the hook arquillian-junit5 needs to inject @ArquillianResource fields.
        gateway = new GatewayClient(deployed);
        List.of(OPENAI, ANTHROPIC, WEBHOOK).forEach(FakeUpstream::reset);
        OPENAI.on("POST", "/v1/chat/completions", NativeAnswers.openAiChat());
        OPENAI.on("POST", "/v1/embeddings", (req, ex) -> ex.json(200,
                "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1]}],\"model\":\"e\","
                        + "\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}"));
        ANTHROPIC.on("POST", "/v1/messages", NativeAnswers.anthropicMessages());
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** A config sending to the OpenAI fake, with {@code hooks} (JSON members, comma-led) added. */
    static String openAi(String hooks) {
        return "{\"provider\":\"openai\",\"custom_host\":\"" + OPENAI.baseUrl() + "/v1\",\"api_key\":\"sk-o\"" + hooks + "}";
    }

    static String anthropic(String hooks) {
        return "{\"provider\":\"anthropic\",\"custom_host\":\"" + ANTHROPIC.baseUrl() + "/v1\",\"api_key\":\"sk-a\"" + hooks + "}";
    }

    private HttpResponse<String> post(String path, String body, String config) throws Exception {
        return post(path, body, config, ADMIN_KEY);
    }

    private HttpResponse<String> post(String path, String body, String config, String key) throws Exception {
        return gateway.postJson(path, body, "x-portkey-api-key", key, "x-portkey-config", config);
    }

    private HttpResponse<InputStream> stream(String path, String body, String config) throws Exception {
        return gateway.stream(gateway.request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("x-portkey-api-key", ADMIN_KEY)
                .header("x-portkey-config", config).build());
    }

    static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    /** A hooks_failed body: the error as the route writes errors, and both result lists. */
    private static JsonObject assertHooksFailed(HttpResponse<String> res) {
        assertEquals(446, res.statusCode(), res.body());
        assertEquals("deny", res.headers().firstValue("x-gatehouse-hooks").orElseThrow());
        JsonObject body = json(res.body());
        assertTrue(body.containsKey("hook_results"), res.body());
        assertTrue(body.getJsonObject("error").getString("message").contains("hook_results"), res.body());
        return body;
    }

    private static JsonArray before(JsonObject body) {
        return body.getJsonObject("hook_results").getJsonArray("before_request_hooks");
    }

    private static JsonArray after(JsonObject body) {
        return body.getJsonObject("hook_results").getJsonArray("after_request_hooks");
    }

    static final String NO_PARIS_IN = ",\"input_guardrails\":[{\"default.contains\":{\"operator\":\"none\",\"words\":[\"Paris\"]},\"deny\":true}]";
    static final String NO_CHECK_OUT_DENY = ",\"output_guardrails\":[{\"default.contains\":{\"operator\":\"none\",\"words\":[\"check\"]},\"deny\":true}]";
    static final String NO_CHECK_OUT_FLAG = ",\"output_guardrails\":[{\"default.contains\":{\"operator\":\"none\",\"words\":[\"check\"]}}]";
    static final String CHECK_OUT_PASS = ",\"output_guardrails\":[{\"default.contains\":{\"operator\":\"any\",\"words\":[\"check\"]},\"deny\":true}]";

    // --- input checks ----------------------------------------------------------------------------------------

    @Test
    void failingDenyInputCheckIs446InEachFormatAndNothingIsSent() throws Exception {
        JsonObject chat = assertHooksFailed(post("/v1/chat/completions", CHAT, openAi(NO_PARIS_IN)));
        assertEquals("hooks_failed", chat.getJsonObject("error").getString("type"));
        assertFalse(before(chat).getJsonObject(0).getBoolean("verdict"));
        JsonObject check = before(chat).getJsonObject(0).getJsonArray("checks").getJsonObject(0);
        assertEquals("default.contains", check.getString("id"));
        assertTrue(check.containsKey("execution_time"));
        assertEquals(List.of("Paris"), check.getJsonObject("data").getJsonArray("foundWords").getValuesAs(
                jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        assertTrue(after(chat).isEmpty());

        JsonObject messages = assertHooksFailed(post("/v1/messages", MESSAGES, anthropic(NO_PARIS_IN)));
        assertEquals("error", messages.getString("type"), "Anthropic's error shape");
        assertFalse(before(messages).getJsonObject(0).getBoolean("verdict"));

        JsonObject responses = assertHooksFailed(post("/v1/responses", RESPONSES, anthropic(NO_PARIS_IN)));
        assertEquals("hooks_failed", responses.getJsonObject("error").getString("type"));

        HttpResponse<String> embeddings = post("/v1/embeddings", "{\"model\":\"e\",\"input\":\"Paris in spring\"}", openAi(NO_PARIS_IN));
        assertHooksFailed(embeddings);

        assertNull(OPENAI.takeRequest(200), "no request reached the provider");
        assertNull(ANTHROPIC.takeRequest(0), "no request reached the provider");
    }

    @Test
    void failingDenyInputCheckOnAStreamIs446BeforeAnyEvent() throws Exception {
        HttpResponse<InputStream> res = stream("/v1/chat/completions", CHAT_STREAM, openAi(NO_PARIS_IN));
        assertEquals(446, res.statusCode());
        assertTrue(res.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
        assertTrue(json(new String(res.body().readAllBytes())).containsKey("hook_results"));
        assertNull(OPENAI.takeRequest(200));
    }

    @Test
    void fullFormHooksRunAsTheShorthandDoesAndAllPassingIs200WithHookResults() throws Exception {
        String fullForm = ",\"before_request_hooks\":[{\"id\":\"in-words\",\"type\":\"guardrail\",\"deny\":true,\"checks\":["
                + "{\"id\":\"default.wordCount\",\"parameters\":{\"minWords\":1,\"maxWords\":50}},"
                + "{\"id\":\"default.regexMatch\",\"parameters\":{\"rule\":\"secret\",\"not\":true}},"
                + "{\"id\":\"default.alluppercase\",\"parameters\":{},\"is_enabled\":false}]}],"
                + "\"after_request_hooks\":[{\"id\":\"out\",\"type\":\"guardrail\",\"deny\":true,\"checks\":["
                + "{\"id\":\"default.endsWith\",\"parameters\":{\"suffix\":\"check\"}}]}]";
        HttpResponse<String> res = post("/v1/messages", MESSAGES, anthropic(fullForm));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("pass", res.headers().firstValue("x-gatehouse-hooks").orElseThrow());
        JsonObject body = json(res.body());
        assertEquals("Let me check.", body.getJsonArray("content").getJsonObject(0).getString("text"), "the answer itself");
        assertEquals("in-words", before(body).getJsonObject(0).getString("id"));
        assertEquals(2, before(body).getJsonObject(0).getJsonArray("checks").size(), "the disabled check did not run");
        assertTrue(after(body).getJsonObject(0).getBoolean("verdict"));
        assertEquals(MESSAGES, ANTHROPIC.takeRequest(1000).bodyText(), "the request went as sent");
    }

    @Test
    void inputMutatorsRewriteWhatIsSent() throws Exception {
        String hooks = ",\"input_mutators\":[{\"default.regexReplace\":{\"rule\":\"/paris/gi\",\"redactText\":\"[CITY]\"}}],"
                + "\"input_guardrails\":[{\"default.pii\":{\"redact\":true}}]";
        String body = "{\"model\":\"m-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Mail ann@example.com about Paris\"}]}";
        HttpResponse<String> res = post("/v1/chat/completions", body, openAi(hooks));
        assertEquals(200, res.statusCode(), res.body());
        JsonObject sent = json(OPENAI.takeRequest(1000).bodyText());
        assertEquals("Mail [EMAIL] about [CITY]", sent.getJsonArray("messages").getJsonObject(0).getString("content"));
        assertTrue(before(json(res.body())).getJsonObject(0).getBoolean("transformed"));
    }

    @Test
    void aGatewayKeysDefaultGuardrailsApplyToItsCallsOnly() throws Exception {
        String card = "{\"model\":\"m-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Card 4111 1111 1111 1111 please\"}]}";
        JsonObject refused = assertHooksFailed(post("/v1/chat/completions", card, openAi(""), GUARDED_KEY));
        JsonObject pii = before(refused).getJsonObject(0).getJsonArray("checks").getJsonObject(0);
        assertEquals("default.pii", pii.getString("id"));
        assertEquals(1, pii.getJsonObject("data").getJsonObject("detected").getInt("credit_card"));
        assertFalse(refused.toString().contains("4111"), "the finding is never echoed");
        assertNull(OPENAI.takeRequest(200));

        assertEquals(200, post("/v1/chat/completions", card, openAi(""), ADMIN_KEY).statusCode());
        assertNotNull(OPENAI.takeRequest(1000));

        HttpResponse<String> clean = post("/v1/chat/completions", CHAT, openAi(""), GUARDED_KEY);
        assertEquals(200, clean.statusCode(), "a key with input hooks only: " + clean.body());
        assertTrue(before(json(clean.body())).getJsonObject(0).getBoolean("verdict"));
    }

    // --- output checks on JSON -------------------------------------------------------------------------------

    @Test
    void failingNonDenyOutputCheckIs246WithTheAnswerInEachFormat() throws Exception {
        HttpResponse<String> chat = post("/v1/chat/completions", CHAT, openAi(NO_CHECK_OUT_FLAG));
        assertEquals(246, chat.statusCode(), chat.body());
        assertEquals("fail", chat.headers().firstValue("x-gatehouse-hooks").orElseThrow());
        JsonObject body = json(chat.body());
        assertEquals("Let me check.", body.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
        assertFalse(after(body).getJsonObject(0).getBoolean("verdict"));
        assertNotNull(OPENAI.takeRequest(1000), "the request was sent");

        HttpResponse<String> messages = post("/v1/messages", MESSAGES, anthropic(NO_CHECK_OUT_FLAG));
        assertEquals(246, messages.statusCode(), messages.body());
        assertEquals("message", json(messages.body()).getString("type"));

        HttpResponse<String> responses = post("/v1/responses", RESPONSES, anthropic(NO_CHECK_OUT_FLAG));
        assertEquals(246, responses.statusCode(), responses.body());
        assertEquals("response", json(responses.body()).getString("object"));
        assertFalse(after(json(responses.body())).getJsonObject(0).getBoolean("verdict"));
    }

    @Test
    void failingDenyOutputCheckWithholdsTheAnswerAndAFallbackTriesItsNextTarget() throws Exception {
        String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[" + openAi(NO_CHECK_OUT_DENY) + "," + anthropic("") + "]}";
        HttpResponse<String> res = post("/v1/chat/completions", CHAT, config);
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("anthropic", res.headers().firstValue("x-portkey-provider").orElseThrow());
        assertNotNull(OPENAI.takeRequest(1000), "the first target answered, and was withheld");
        assertNotNull(ANTHROPIC.takeRequest(1000), "the second target was tried");

        JsonObject last = assertHooksFailed(post("/v1/chat/completions", CHAT, openAi(NO_CHECK_OUT_DENY)));
        assertFalse(after(last).getJsonObject(0).getBoolean("verdict"));
        assertFalse(last.toString().contains("Let me check"), "the withheld answer is not shown");
    }

    @Test
    void failingDenyOutputCheckIs446InMessagesAndResponsesShapes() throws Exception {
        JsonObject messages = assertHooksFailed(post("/v1/messages", MESSAGES, anthropic(NO_CHECK_OUT_DENY)));
        assertEquals("error", messages.getString("type"));
        JsonObject responses = assertHooksFailed(post("/v1/responses", RESPONSES, anthropic(NO_CHECK_OUT_DENY)));
        assertEquals("hooks_failed", responses.getJsonObject("error").getString("type"));
    }

    @Test
    void anAnswerLongerThanWhatIsHeldFailsDenyHooksAndReachesTheClientWholeOtherwise() throws Exception {
        String big = "x".repeat(5 * 1024 * 1024);
        OPENAI.on("POST", "/v1/chat/completions", (req, ex) -> ex.json(200, "{\"id\":\"c\",\"object\":\"chat.completion\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + big + "\"}}]}"));
        JsonObject withheld = assertHooksFailed(post("/v1/chat/completions", CHAT, openAi(NO_CHECK_OUT_DENY)));
        assertTrue(after(withheld).getJsonObject(0).getJsonArray("checks").getJsonObject(0).getJsonObject("error")
                .getString("message").contains("longer than"));

        HttpResponse<String> flagged = post("/v1/chat/completions", CHAT, openAi(NO_CHECK_OUT_FLAG));
        assertEquals(200, flagged.statusCode(), "a non-deny hook that could not check passes");
        JsonObject body = json(flagged.body());
        assertEquals(big, body.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
        assertTrue(body.containsKey("hook_results"));
    }

    // --- output checks on streams ----------------------------------------------------------------------------

    @Test
    void aStreamFailingADenyOutputCheckIsHeldBackAndAnswered446InEachFormat() throws Exception {
        for (String[] call : new String[][] {
                {"/v1/chat/completions", CHAT_STREAM, openAi(NO_CHECK_OUT_DENY)},
                {"/v1/messages", MESSAGES_STREAM, anthropic(NO_CHECK_OUT_DENY)},
                {"/v1/responses", RESPONSES_STREAM, anthropic(NO_CHECK_OUT_DENY)}}) {
            HttpResponse<InputStream> res = stream(call[0], call[1], call[2]);
            String body = new String(res.body().readAllBytes());
            assertEquals(446, res.statusCode(), call[0] + ": " + body);
            assertFalse(body.contains("Let me check"), call[0] + ": no content reached the client");
            assertFalse(after(json(body)).getJsonObject(0).getBoolean("verdict"), call[0]);
        }
    }

    @Test
    void aChatStreamFailingANonDenyCheckIs246WithHookResultsBeforeDone() throws Exception {
        HttpResponse<InputStream> res = stream("/v1/chat/completions", CHAT_STREAM, openAi(NO_CHECK_OUT_FLAG));
        assertEquals(246, res.statusCode());
        List<String> data = GatewayClient.dataLines(res.body());
        assertEquals("[DONE]", data.get(data.size() - 1));
        JsonObject results = json(data.get(data.size() - 2));
        assertFalse(results.getJsonObject("hook_results").getJsonArray("after_request_hooks").getJsonObject(0).getBoolean("verdict"));
        assertTrue(data.stream().anyMatch(d -> d.contains("Let me check.")), "the content, unchanged");
    }

    @Test
    void messagesAndResponsesStreamsEndWithAHookResultsEventBeforeTheirLastEvent() throws Exception {
        HttpResponse<InputStream> messages = stream("/v1/messages", MESSAGES_STREAM, anthropic(CHECK_OUT_PASS));
        assertEquals(200, messages.statusCode());
        List<GatewayClient.Event> events = GatewayClient.events(messages.body());
        assertEquals("message_stop", events.get(events.size() - 1).name());
        GatewayClient.Event results = events.get(events.size() - 2);
        assertEquals("hook_results", results.name());
        assertTrue(json(results.data()).getJsonObject("hook_results").getJsonArray("after_request_hooks")
                .getJsonObject(0).getBoolean("verdict"));

        HttpResponse<InputStream> responses = stream("/v1/responses", RESPONSES_STREAM, anthropic(NO_CHECK_OUT_FLAG));
        assertEquals(246, responses.statusCode());
        List<GatewayClient.Event> rEvents = GatewayClient.events(responses.body());
        assertEquals("response.completed", rEvents.get(rEvents.size() - 1).name());
        assertEquals("hook_results", rEvents.get(rEvents.size() - 2).name());
        assertTrue(rEvents.stream().anyMatch(e -> e.data() != null && e.data().contains("Let me check.")));
    }

    @Test
    void incrementalHooksRelayAStreamAsItComesAndCutItWithAnErrorEventInTheClientsFormat() throws Exception {
        String incremental = ",\"output_guardrails\":[{\"default.contains\":{\"operator\":\"none\",\"words\":[\"check\"]},"
                + "\"deny\":true,\"incremental\":true}]";
        HttpResponse<InputStream> chat = stream("/v1/chat/completions", CHAT_STREAM, openAi(incremental));
        assertEquals(200, chat.statusCode(), "the headers went before the text was judged");
        List<String> data = GatewayClient.dataLines(chat.body());
        JsonObject error = json(data.get(data.size() - 1));
        assertEquals("hooks_failed", error.getJsonObject("error").getString("type"));
        assertFalse(after(error).getJsonObject(0).getBoolean("verdict"));
        assertFalse(data.contains("[DONE]"), "cut, not completed");
        assertTrue(data.stream().noneMatch(d -> d.contains("Let me check.") && !d.contains("error")), "the offending text never went out");

        HttpResponse<InputStream> messages = stream("/v1/messages", MESSAGES_STREAM, anthropic(incremental));
        List<GatewayClient.Event> events = GatewayClient.events(messages.body());
        assertEquals("message_start", events.get(0).name());
        assertEquals("error", events.get(events.size() - 1).name());
        assertEquals("error", json(events.get(events.size() - 1).data()).getString("type"));

        HttpResponse<InputStream> responses = stream("/v1/responses", RESPONSES_STREAM, anthropic(incremental));
        List<GatewayClient.Event> rEvents = GatewayClient.events(responses.body());
        assertEquals("error", rEvents.get(rEvents.size() - 1).name());
        assertEquals("hooks_failed", json(rEvents.get(rEvents.size() - 1).data()).getString("code"));

        String passes = incremental.replace("check", "forbidden");
        List<String> passed = GatewayClient.dataLines(stream("/v1/chat/completions", CHAT_STREAM, openAi(passes)).body());
        assertEquals("[DONE]", passed.get(passed.size() - 1));
        assertTrue(json(passed.get(passed.size() - 2)).containsKey("hook_results"));
    }

    // --- the catch-all proxy ------------------------------------------------------------------------------------

    @Test
    void theProxyRunsHooksOnJsonBodiesAndLeavesOtherBodiesAlone() throws Exception {
        OPENAI.on("POST", "/v1/images/generations", (req, ex) -> ex.json(200, "{\"created\":1,\"data\":[{\"url\":\"http://x/a.png\"}]}"));
        String image = "{\"model\":\"img\",\"prompt\":\"Paris at night\"}";
        JsonObject refused = assertHooksFailed(post("/v1/images/generations", image, openAi(NO_PARIS_IN)));
        assertEquals("hooks_failed", refused.getJsonObject("error").getString("type"));
        assertNull(OPENAI.takeRequest(200), "nothing was proxied");

        String flagged = ",\"output_guardrails\":[{\"default.contains\":{\"operator\":\"any\",\"words\":[\"never\"]}}]";
        HttpResponse<String> res = post("/v1/images/generations", image, openAi(flagged));
        assertEquals(246, res.statusCode(), res.body());
        JsonObject body = json(res.body());
        assertEquals("http://x/a.png", body.getJsonArray("data").getJsonObject(0).getString("url"), "the answer itself");
        assertFalse(after(body).getJsonObject(0).getBoolean("verdict"));
        assertEquals(image, OPENAI.takeRequest(1000).bodyText());

        HttpResponse<String> text = gateway.send(gateway.request("/v1/images/generations")
                .POST(HttpRequest.BodyPublishers.ofString("Paris")).header("Content-Type", "text/plain")
                .header("x-portkey-api-key", ADMIN_KEY).header("x-portkey-config", openAi(NO_PARIS_IN)).build());
        assertEquals(200, text.statusCode(), "a body that is not JSON is proxied as without hooks");
        assertTrue(text.headers().firstValue("x-gatehouse-hooks").isEmpty());
    }

    // --- the webhook check -----------------------------------------------------------------------------------

    @Test
    void theWebhookCheckPostsTheRequestAndTakesItsVerdictWithinItsTimeout() throws Exception {
        WEBHOOK.on("POST", "/verdict", (req, ex) -> ex.json(200, "{\"verdict\":false}"));
        String hooks = ",\"input_guardrails\":[{\"default.webhook\":{\"webhookURL\":\"" + WEBHOOK.baseUrl()
                + "/verdict\",\"headers\":{\"x-hook-secret\":\"s3\"}},\"deny\":true}]";
        JsonObject refused = assertHooksFailed(post("/v1/chat/completions", CHAT, openAi(hooks)));
        assertFalse(refused.toString().contains("s3"), "the webhook's headers are never shown");
        RecordedRequest got = WEBHOOK.takeRequest(1000);
        assertEquals("s3", got.header("x-hook-secret"));
        JsonObject sent = json(got.bodyText());
        assertEquals("beforeRequestHook", sent.getString("eventType"));
        assertEquals("Weather in Paris?", sent.getJsonObject("request").getString("text"));
        assertNull(OPENAI.takeRequest(200));

        WEBHOOK.on("POST", "/slow", (req, ex) -> {
            Thread.sleep(3000);
            ex.json(200, "{\"verdict\":true}");
        });
        String slow = ",\"input_guardrails\":[{\"default.webhook\":{\"webhookURL\":\"" + WEBHOOK.baseUrl()
                + "/slow\",\"timeout\":300},\"deny\":true}]";
        long started = System.nanoTime();
        JsonObject timedOut = assertHooksFailed(post("/v1/chat/completions", CHAT, openAi(slow)));
        assertTrue((System.nanoTime() - started) / 1_000_000 < 2500, "the timeout, not the webhook, decided");
        JsonObject check = before(timedOut).getJsonObject(0).getJsonArray("checks").getJsonObject(0);
        assertNotNull(check.getJsonObject("error"), "a check that erred fails when its hook denies");

        String lenient = slow.replace("\"deny\":true", "\"deny\":false");
        HttpResponse<String> passed = post("/v1/chat/completions", CHAT, openAi(lenient));
        assertEquals(200, passed.statusCode(), "a non-deny hook whose check erred passes, as Portkey's do");
    }
}
