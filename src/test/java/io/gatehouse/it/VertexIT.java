package io.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.testing.TestServiceAccount;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Google Vertex AI on a real Payara Micro, with a model-catalog entry holding a service-account key file (a key
 * pair generated here). A fake token endpoint checks every JWT-bearer grant as Google does — the RS256 signature
 * against the account's public key, issuer, audience, scope — and a fake Vertex checks the bearer token it
 * issued, the paths and the bodies: Gemini and Claude, answers and streams, in the three client formats; tools;
 * embeddings; errors; a fallback to another provider. Nothing reaches Google.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class VertexIT {
    private static final String PROJECT = "gh-proj";
    private static final String REGION = "us-east5";
    private static final String MODELS = "/v1/projects/" + PROJECT + "/locations/" + REGION + "/publishers/";
    private static final String GEMINI = MODELS + "google/models/gemini-2.5-pro";
    private static final String CLAUDE = MODELS + "anthropic/models/claude-sonnet-4@20250514";

    static final FakeUpstream VERTEX = FakeUpstream.started();
    static final FakeUpstream TOKENS = FakeUpstream.started();
    static final FakeUpstream OPENAI = FakeUpstream.started();
    static final TestServiceAccount ACCOUNT = TestServiceAccount.generate("gatehouse-it@" + PROJECT + ".iam.gserviceaccount.com");
    static final ServerConfigDir CONFIG = new ServerConfigDir("it-vertex-config");
    /** Tokens issued since the deployment, never reset: the gateway keeps the first until shortly before it expires. */
    static final List<String> ISSUED = new CopyOnWriteArrayList<>();
    static final AtomicInteger REFUSED_GRANTS = new AtomicInteger();

    private static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
            + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],\"max_tokens\":200,%s"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}]}";
    private static final String MESSAGES = "{\"model\":\"%s\",\"max_tokens\":200,\"system\":\"Be brief.\",%s"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],"
            + "\"tools\":[{\"name\":\"get_weather\",\"description\":\"Current weather\","
            + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}]}";
    private static final String RESPONSES = "{\"model\":\"%s\",\"instructions\":\"Be brief.\",\"input\":\"Weather in Paris?\",%s"
            + "\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\",\"description\":\"Current weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}]}";

    @ArquillianResource
    URL deployed;

    GatewayClient gateway;

    @Deployment(testable = false)
    static WebArchive war() {
        TOKENS.on("POST", "/token", (req, ex) -> {
            try {
                ACCOUNT.verifyGrant(req.bodyText());
            } catch (AssertionError refused) {
                REFUSED_GRANTS.incrementAndGet();
                ex.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
                return;
            }
            String token = "ya29.it-" + (ISSUED.size() + 1);
            ISSUED.add(token);
            ex.json(200, TestServiceAccount.tokenAnswer(token, 3600));
        });
        CONFIG.write("secrets/vertex-sa.json", ACCOUNT.keyFile(PROJECT, TOKENS.baseUrl() + "/token"))
                .write("secrets/openai", "sk-openai-backup")
                .write("gateway-keys.json", "{\"keys\": []}")
                .write("catalog.json", """
                        {"entries": [
                          {"slug": "vertex-prod", "provider": "vertex-ai", "custom_host": "%s",
                           "keys": [{"file": "secrets/vertex-sa.json"}], "provider_options": {"vertex_region": "%s"}},
                          {"slug": "openai-backup", "provider": "openai", "custom_host": "%s/v1", "keys": [{"file": "secrets/openai"}]}
                        ]}""".formatted(VERTEX.baseUrl(), REGION, OPENAI.baseUrl()));
        return CONFIG.deployment();
    }

    @AfterAll
    static void stopFakes() throws Exception {
        for (FakeUpstream f : List.of(VERTEX, TOKENS, OPENAI)) {
            f.close();
        }
    }

    @BeforeEach
    void setUp() {
        // Also the hook arquillian-junit5 needs to inject @ArquillianResource fields.
        gateway = new GatewayClient(deployed);
        VERTEX.reset();
        OPENAI.reset();
        VERTEX.on("POST", GEMINI + ":generateContent", NativeAnswers.geminiGenerate());
        VERTEX.on("POST", GEMINI + ":streamGenerateContent", NativeAnswers.geminiStream());
        VERTEX.on("POST", CLAUDE + ":rawPredict", NativeAnswers.anthropicMessages());
        VERTEX.on("POST", CLAUDE + ":streamRawPredict", NativeAnswers.anthropicMessages());
        OPENAI.on("POST", "/v1/chat/completions", NativeAnswers.openAiChat());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Chat Completions

    @Test
    void geminiAndClaudeAnswerChatCompletionsWithToolCalls() throws Exception {
        for (String model : List.of("gemini-2.5-pro", "claude-sonnet-4@20250514")) {
            HttpResponse<String> res = gateway.postJson("/v1/chat/completions", CHAT.formatted(model, ""), "x-portkey-provider", "@vertex-prod");
            assertEquals(200, res.statusCode(), model + ": " + res.body());
            assertEquals("vertex-ai", res.headers().firstValue("x-portkey-provider").orElseThrow());
            JsonObject answer = json(res.body());
            assertEquals("chat.completion", answer.getString("object"));
            JsonObject message = answer.getJsonArray("choices").getJsonObject(0).getJsonObject("message");
            assertEquals("Let me check.", message.getString("content"), model);
            JsonObject call = message.getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function");
            assertEquals("get_weather", call.getString("name"));
            assertEquals(json("{\"city\":\"Paris\"}"), json(call.getString("arguments")));
            assertEquals("tool_calls", answer.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
            assertEquals(30, answer.getJsonObject("usage").getInt("total_tokens"), model);
        }
        RecordedRequest toGemini = VERTEX.takeRequest(1000);
        assertEquals(GEMINI + ":generateContent", toGemini.path());
        assertIssuedToken(toGemini);
        JsonObject gemini = json(toGemini.bodyText());
        assertEquals("Be brief.", gemini.getJsonObject("systemInstruction").getJsonArray("parts").getJsonObject(0).getString("text"));
        assertEquals("get_weather", gemini.getJsonArray("tools").getJsonObject(0).getJsonArray("functionDeclarations")
                .getJsonObject(0).getString("name"));
        assertEquals(200, gemini.getJsonObject("generationConfig").getInt("maxOutputTokens"));

        RecordedRequest toClaude = VERTEX.takeRequest(1000);
        assertEquals(CLAUDE + ":rawPredict", toClaude.path());
        assertIssuedToken(toClaude);
        JsonObject claude = json(toClaude.bodyText());
        assertEquals("vertex-2023-10-16", claude.getString("anthropic_version"));
        assertFalse(claude.containsKey("model"), "the URL names the model");
        assertEquals("Be brief.", claude.getString("system"));
        assertEquals("get_weather", claude.getJsonArray("tools").getJsonObject(0).getString("name"));
        assertNull(toClaude.header("x-api-key"));
        assertNull(toClaude.header("anthropic-version"));
    }

    @Test
    void geminiAndClaudeStreamChatCompletionChunks() throws Exception {
        for (String model : List.of("gemini-2.5-pro", "claude-sonnet-4@20250514")) {
            HttpResponse<InputStream> res = stream("/v1/chat/completions", CHAT.formatted(model, "\"stream\":true,"),
                    "x-portkey-provider", "@vertex-prod");
            assertEquals(200, res.statusCode(), model);
            assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"), model);
            List<String> data = GatewayClient.dataLines(res.body());
            assertEquals("[DONE]", data.get(data.size() - 1), model);
            StringBuilder text = new StringBuilder();
            StringBuilder arguments = new StringBuilder();
            for (String chunk : data.subList(0, data.size() - 1)) {
                for (var choice : json(chunk).getJsonArray("choices")) {
                    JsonObject delta = choice.asJsonObject().getJsonObject("delta");
                    if (delta.containsKey("content") && !delta.isNull("content")) {
                        text.append(delta.getString("content"));
                    }
                    if (delta.containsKey("tool_calls")) {
                        JsonObject function = delta.getJsonArray("tool_calls").getJsonObject(0).getJsonObject("function");
                        arguments.append(function.getString("arguments", ""));
                    }
                }
            }
            assertEquals("Let me check.", text.toString(), model);
            assertEquals(json("{\"city\":\"Paris\"}"), json(arguments.toString()), model);
        }
        RecordedRequest toGemini = VERTEX.takeRequest(1000);
        assertEquals(GEMINI + ":streamGenerateContent", toGemini.path());
        assertEquals("alt=sse", toGemini.rawQuery());
        assertIssuedToken(toGemini);
        RecordedRequest toClaude = VERTEX.takeRequest(1000);
        assertEquals(CLAUDE + ":streamRawPredict", toClaude.path());
        assertIssuedToken(toClaude);
        assertTrue(json(toClaude.bodyText()).getBoolean("stream"));
        assertEquals("vertex-2023-10-16", json(toClaude.bodyText()).getString("anthropic_version"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Anthropic Messages and OpenAI Responses clients

    @Test
    void anthropicMessagesClientsGetMessagesFromGeminiAndClaude() throws Exception {
        for (String model : List.of("gemini-2.5-pro", "claude-sonnet-4@20250514")) {
            HttpResponse<String> res = gateway.postJson("/v1/messages", MESSAGES.formatted(model, ""),
                    "x-portkey-provider", "@vertex-prod", "anthropic-version", "2023-06-01");
            assertEquals(200, res.statusCode(), model + ": " + res.body());
            JsonObject message = json(res.body());
            assertEquals("message", message.getString("type"), model);
            assertEquals("tool_use", message.getString("stop_reason"), model);
            JsonArray content = message.getJsonArray("content");
            assertEquals("Let me check.", content.getJsonObject(0).getString("text"), model);
            assertEquals("get_weather", content.getJsonObject(1).getString("name"), model);
            assertEquals(json("{\"city\":\"Paris\"}"), content.getJsonObject(1).getJsonObject("input"), model);

            HttpResponse<InputStream> streamed = stream("/v1/messages", MESSAGES.formatted(model, "\"stream\":true,"),
                    "x-portkey-provider", "@vertex-prod", "anthropic-version", "2023-06-01");
            assertEquals(200, streamed.statusCode(), model);
            FormatsIT.AnthropicStream answer = FormatsIT.AnthropicStream.read(GatewayClient.events(streamed.body()), model);
            assertEquals("Let me check.", answer.text(), model);
            assertEquals("get_weather", answer.toolName(), model);
            assertEquals(json("{\"city\":\"Paris\"}"), json(answer.toolInput()), model);
            assertEquals("tool_use", answer.stopReason(), model);
        }
        List<String> paths = VERTEX.requests().stream().map(r -> r.path()).toList();
        assertEquals(List.of(GEMINI + ":generateContent", GEMINI + ":streamGenerateContent", CLAUDE + ":rawPredict",
                CLAUDE + ":streamRawPredict"), paths);
        VERTEX.requests().forEach(VertexIT::assertIssuedToken);
    }

    @Test
    void responsesClientsGetResponsesFromGeminiAndClaude() throws Exception {
        for (String model : List.of("gemini-2.5-pro", "claude-sonnet-4@20250514")) {
            HttpResponse<String> res = gateway.postJson("/v1/responses", RESPONSES.formatted(model, ""), "x-portkey-provider", "@vertex-prod");
            assertEquals(200, res.statusCode(), model + ": " + res.body());
            JsonObject response = json(res.body());
            assertEquals("completed", response.getString("status"), model);
            assertEquals("Let me check.", response.getString("output_text"), model);
            JsonObject call = response.getJsonArray("output").getJsonObject(1);
            assertEquals("function_call", call.getString("type"), model);
            assertEquals(json("{\"city\":\"Paris\"}"), json(call.getString("arguments")), model);

            HttpResponse<InputStream> streamed = stream("/v1/responses", RESPONSES.formatted(model, "\"stream\":true,"),
                    "x-portkey-provider", "@vertex-prod");
            assertEquals(200, streamed.statusCode(), model);
            JsonObject streamedResponse = FormatsIT.ResponsesStream.read(GatewayClient.events(streamed.body()), model);
            assertEquals("Let me check.", streamedResponse.getString("output_text"), model);
        }
        assertEquals(4, VERTEX.requests().size());
        JsonObject claude = json(VERTEX.requests().get(2).bodyText());
        assertEquals("Be brief.", claude.getString("system"), "instructions became Claude's system prompt");
        VERTEX.requests().forEach(VertexIT::assertIssuedToken);
    }

    @Test
    void partnerModelsGoToTheOpenAiCompatibleEndpoint() throws Exception {
        String openAiEndpoint = "/v1/projects/" + PROJECT + "/locations/" + REGION + "/endpoints/openapi/chat/completions";
        VERTEX.on("POST", openAiEndpoint, NativeAnswers.openAiChat());
        String model = "meta.llama-4-maverick-17b-128e-instruct-maas";
        HttpResponse<String> res = gateway.postJson("/v1/messages", MESSAGES.formatted(model, ""),
                "x-portkey-provider", "@vertex-prod", "anthropic-version", "2023-06-01");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("get_weather", json(res.body()).getJsonArray("content").getJsonObject(1).getString("name"));
        HttpResponse<InputStream> streamed = stream("/v1/messages", MESSAGES.formatted(model, "\"stream\":true,"),
                "x-portkey-provider", "@vertex-prod", "anthropic-version", "2023-06-01");
        FormatsIT.AnthropicStream answer = FormatsIT.AnthropicStream.read(GatewayClient.events(streamed.body()), model);
        assertEquals("Let me check.", answer.text());
        assertEquals(json("{\"city\":\"Paris\"}"), json(answer.toolInput()));
        for (RecordedRequest got : VERTEX.requests()) {
            assertEquals(openAiEndpoint, got.path());
            assertIssuedToken(got);
            assertEquals("meta/llama-4-maverick-17b-128e-instruct-maas", json(got.bodyText()).getString("model"));
        }
        assertEquals(2, VERTEX.requests().size());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Embeddings, tokens, errors, fallback

    @Test
    void embeddingsGoToPredictAndComeBackInOpenAisShape() throws Exception {
        String embedder = MODELS + "google/models/text-embedding-005:predict";
        VERTEX.on("POST", embedder, (req, ex) -> ex.json(200, "{\"predictions\":["
                + "{\"embeddings\":{\"statistics\":{\"truncated\":false,\"token_count\":3},\"values\":[0.5,-0.25]}},"
                + "{\"embeddings\":{\"statistics\":{\"truncated\":false,\"token_count\":4},\"values\":[0.125,1.0]}}],"
                + "\"metadata\":{\"billableCharacterCount\":20}}"));
        HttpResponse<String> res = gateway.postJson("/v1/embeddings",
                "{\"model\":\"@vertex-prod/text-embedding-005\",\"input\":[\"first\",\"second\"],\"dimensions\":2}");
        assertEquals(200, res.statusCode(), res.body());
        JsonObject answer = json(res.body());
        assertEquals("list", answer.getString("object"));
        JsonArray second = answer.getJsonArray("data").getJsonObject(1).getJsonArray("embedding");
        assertEquals(List.of(0.125, 1.0), second.getValuesAs(jakarta.json.JsonNumber.class).stream().map(n -> n.doubleValue()).toList());
        assertEquals(7, answer.getJsonObject("usage").getInt("prompt_tokens"));
        RecordedRequest got = VERTEX.takeRequest(1000);
        assertEquals(embedder, got.path());
        assertIssuedToken(got);
        assertEquals(json("{\"instances\":[{\"content\":\"first\"},{\"content\":\"second\"}],\"parameters\":{\"outputDimensionality\":2}}"),
                json(got.bodyText()));
    }

    @Test
    void oneTokenServesManyCalls() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(200, gateway.postJson("/v1/chat/completions", CHAT.formatted("gemini-2.5-pro", ""),
                    "x-portkey-provider", "@vertex-prod").statusCode());
        }
        assertEquals(List.of("ya29.it-1"), ISSUED, "one grant for every call since the deployment");
        assertEquals(0, REFUSED_GRANTS.get(), "every grant was signed with the account's key");
        assertEquals(5, VERTEX.requests().size());
        VERTEX.requests().forEach(VertexIT::assertIssuedToken);
    }

    @Test
    void vertexErrorsKeepTheirStatusInOpenAisShape() throws Exception {
        VERTEX.on("POST", GEMINI + ":generateContent", (req, ex) -> ex.json(429,
                "{\"error\":{\"code\":429,\"message\":\"Quota exceeded for aiplatform.googleapis.com/generate_content_requests_per_minute\","
                        + "\"status\":\"RESOURCE_EXHAUSTED\"}}"));
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions", CHAT.formatted("gemini-2.5-pro", ""),
                "x-portkey-provider", "@vertex-prod");
        assertEquals(429, res.statusCode(), res.body());
        JsonObject error = json(res.body()).getJsonObject("error");
        assertEquals("rate_limit_error", error.getString("type"));
        assertEquals("RESOURCE_EXHAUSTED", error.getString("code"));
        assertTrue(error.getString("message").startsWith("vertex-ai error: Quota exceeded"), error.getString("message"));

        HttpResponse<String> badModel = gateway.postJson("/v1/chat/completions", CHAT.formatted("gemini/../../x", ""),
                "x-portkey-provider", "@vertex-prod");
        assertEquals(400, badModel.statusCode(), badModel.body());
        assertEquals("invalid_model", json(badModel.body()).getJsonObject("error").getString("code"));
        assertEquals(1, VERTEX.requests().size(), "the bad model never left the gateway");
    }

    @Test
    void aFailingVertexFallsBackToAnotherProvider() throws Exception {
        VERTEX.on("POST", CLAUDE + ":rawPredict", (req, ex) -> ex.json(503,
                "{\"error\":{\"code\":503,\"message\":\"The service is currently unavailable.\",\"status\":\"UNAVAILABLE\"}}"));
        String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"@vertex-prod\",\"override_params\":{\"model\":\"claude-sonnet-4@20250514\"}},"
                + "{\"provider\":\"@openai-backup\",\"override_params\":{\"model\":\"gpt-4o-mini\"}}]}";
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions", CHAT.formatted("any", ""), "x-portkey-config", config);
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("config.targets[1]", res.headers().firstValue("x-portkey-last-used-option-index").orElseThrow());
        assertEquals("openai", res.headers().firstValue("x-portkey-provider").orElseThrow());
        RecordedRequest toVertex = VERTEX.takeRequest(1000);
        assertEquals(CLAUDE + ":rawPredict", toVertex.path());
        assertIssuedToken(toVertex);
        RecordedRequest toOpenAi = OPENAI.takeRequest(1000);
        assertEquals("Bearer sk-openai-backup", toOpenAi.header("authorization"));
        assertEquals("gpt-4o-mini", json(toOpenAi.bodyText()).getString("model"));
    }

    @Test
    void clientsMayBringAnAccessTokenButNotAServiceAccountWithTheirOwnTokenEndpoint() throws Exception {
        String[] headers = {"x-portkey-provider", "vertex-ai", "Authorization", "Bearer ya29.client-token",
                "x-portkey-vertex-region", "global", "x-portkey-vertex-project-id", "client-proj",
                "x-portkey-custom-host", VERTEX.baseUrl()};
        String globalGemini = "/v1/projects/client-proj/locations/global/publishers/google/models/gemini-2.5-pro";
        VERTEX.on("POST", globalGemini + ":generateContent", NativeAnswers.geminiGenerate());
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions", CHAT.formatted("gemini-2.5-pro", ""), headers);
        assertEquals(200, res.statusCode(), res.body());
        RecordedRequest got = VERTEX.takeRequest(1000);
        assertEquals(globalGemini + ":generateContent", got.path());
        assertEquals("Bearer ya29.client-token", got.header("authorization"), "the client's token as given");

        int grants = ISSUED.size() + REFUSED_GRANTS.get();
        String keyFile = TestServiceAccount.generate("intruder@client-proj.iam.gserviceaccount.com")
                .keyFile("client-proj", TOKENS.baseUrl() + "/token");
        HttpResponse<String> refused = gateway.postJson("/v1/chat/completions", CHAT.formatted("gemini-2.5-pro", ""),
                "x-portkey-provider", "vertex-ai", "x-portkey-vertex-region", "global",
                "x-portkey-vertex-service-account-json", keyFile, "x-portkey-custom-host", VERTEX.baseUrl());
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("invalid_provider_options", json(refused.body()).getJsonObject("error").getString("code"));
        assertFalse(refused.body().contains("PRIVATE KEY"));
        assertEquals(grants, ISSUED.size() + REFUSED_GRANTS.get(), "nothing was posted to the client's token endpoint");
        assertEquals(1, VERTEX.requests().size());
    }

    private static void assertIssuedToken(RecordedRequest request) {
        assertTrue(ISSUED.size() >= 1 && ISSUED.contains(request.header("authorization").substring("Bearer ".length())),
                "a token the fake endpoint issued: " + request.header("authorization") + " / " + ISSUED);
        request.headers().keySet().forEach(name -> assertFalse(name.startsWith("x-portkey-"), "leaked " + name));
    }

    private HttpResponse<InputStream> stream(String path, String body, String... headers) throws Exception {
        return gateway.stream(gateway.request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").headers(headers).build());
    }

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }
}
