package io.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Anthropic Messages API and the OpenAI Responses API on a real Payara Micro, against fakes that speak
 * each provider's own wire format and record what they received: native pass-through where the provider
 * speaks the client's API, translation everywhere else, routing exactly as on chat completions.
 */
class FormatsIT extends GatewayDeployed {
    /** A Messages request as the Anthropic SDK sends it, with one tool. */
    private static final String MESSAGES = "{\"model\":\"m-1\",\"max_tokens\":200,\"system\":\"Be brief.\","
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],"
            + "\"tools\":[{\"name\":\"get_weather\",\"description\":\"Current weather\","
            + "\"input_schema\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}]}";
    private static final String MESSAGES_STREAM = MESSAGES.substring(0, MESSAGES.length() - 1) + ",\"stream\":true}";

    static FakeUpstream openai;
    static FakeUpstream anthropic;
    static FakeUpstream gemini;
    static FakeUpstream cohere;

    @BeforeAll
    static void startFakes() throws Exception {
        openai = FakeUpstream.start();
        anthropic = FakeUpstream.start();
        gemini = FakeUpstream.start();
        cohere = FakeUpstream.start();
    }

    @AfterAll
    static void stopFakes() throws Exception {
        for (FakeUpstream f : fakes()) {
            f.close();
        }
    }

    private static List<FakeUpstream> fakes() {
        return List.of(openai, anthropic, gemini, cohere);
    }

    @BeforeEach
    void setUp() {
        fakes().forEach(FakeUpstream::reset);
        answerNatively();
    }

    /** Headers that send a request to {@code provider}'s fake, the provider key as the Anthropic SDK sends its key. */
    private static String[] sdkHeaders(String provider, String... extra) {
        List<String> h = new ArrayList<>(List.of("x-portkey-provider", provider, "anthropic-version", "2023-06-01"));
        switch (provider) {
            case "openai" -> h.addAll(List.of("x-portkey-custom-host", openai.baseUrl() + "/v1", "x-api-key", "sk-openai"));
            case "anthropic" -> h.addAll(List.of("x-portkey-custom-host", anthropic.baseUrl() + "/v1", "x-api-key", "sk-ant"));
            case "google" -> h.addAll(List.of("x-portkey-custom-host", gemini.baseUrl(), "x-api-key", "g-key"));
            case "cohere" -> h.addAll(List.of("x-portkey-custom-host", cohere.baseUrl(), "x-api-key", "co-key"));
            default -> throw new IllegalArgumentException(provider);
        }
        h.addAll(List.of(extra));
        return h.toArray(String[]::new);
    }

    /** Headers that send a Responses request to {@code provider}'s fake, the key as the OpenAI SDK sends it. */
    private static String[] openAiSdkHeaders(String provider, String... extra) {
        List<String> h = new ArrayList<>(List.of("x-portkey-provider", provider));
        switch (provider) {
            case "openai" -> h.addAll(List.of("x-portkey-custom-host", openai.baseUrl() + "/v1", "Authorization", "Bearer sk-openai"));
            case "anthropic" -> h.addAll(List.of("x-portkey-custom-host", anthropic.baseUrl() + "/v1", "Authorization", "Bearer sk-ant"));
            case "google" -> h.addAll(List.of("x-portkey-custom-host", gemini.baseUrl(), "Authorization", "Bearer g-key"));
            default -> throw new IllegalArgumentException(provider);
        }
        h.addAll(List.of(extra));
        return h.toArray(String[]::new);
    }

    /** Every fake answers in its own API: "Let me check." and a get_weather call for Paris. */
    private static void answerNatively() {
        openai.on("POST", "/v1/chat/completions", NativeAnswers.openAiChat());
        anthropic.on("POST", "/v1/messages", NativeAnswers.anthropicMessages());
        anthropic.on("POST", "/v1/messages/count_tokens", (req, ex) -> ex.json(200, "{\"input_tokens\":14}"));
        gemini.on("POST", "/v1beta/models/m-1:generateContent", NativeAnswers.geminiGenerate());
        gemini.on("POST", "/v1beta/models/m-1:streamGenerateContent", NativeAnswers.geminiStream());
        cohere.on("POST", "/v2/chat", NativeAnswers.cohereChat());
    }

    private static final String ANTHROPIC_MESSAGE = NativeAnswers.ANTHROPIC_MESSAGE;
    private static final String[][] ANTHROPIC_STREAM = NativeAnswers.ANTHROPIC_STREAM;

    private static void namedEvent(FakeUpstream.Exchange ex, String name, String data) throws IOException {
        NativeAnswers.namedEvent(ex, name, data);
    }

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    private HttpResponse<InputStream> stream(String path, String body, String... headers) throws Exception {
        return gateway.stream(gateway.request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").headers(headers).build());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Messages API: native

    @Test
    void messagesToAnthropicPassTheSdkRequestThroughAsSent() throws Exception {
        // The SDK's beta client adds ?beta=true: it goes on to Anthropic with the request.
        HttpResponse<String> res = gateway.postJson("/v1/messages?beta=true", MESSAGES, sdkHeaders("anthropic",
                "anthropic-beta", "prompt-caching-2024-07-31", "x-stainless-lang", "python", "User-Agent", "Anthropic/Python 0.69.0"));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(json(ANTHROPIC_MESSAGE), json(res.body()), "the answer as Anthropic sent it");
        assertEquals("req_native", res.headers().firstValue("request-id").orElseThrow());
        assertEquals("anthropic", res.headers().firstValue("x-portkey-provider").orElseThrow());

        RecordedRequest got = anthropic.takeRequest(1000);
        assertEquals("/v1/messages", got.path());
        assertEquals("beta=true", got.rawQuery());
        assertEquals(MESSAGES, got.bodyText(), "the client's bytes");
        assertEquals("sk-ant", got.header("x-api-key"));
        assertEquals(List.of("2023-06-01"), got.headers().get("anthropic-version"));
        assertEquals("prompt-caching-2024-07-31", got.header("anthropic-beta"));
        assertNull(got.header("authorization"));
        assertNull(got.header("x-stainless-lang"), "SDK telemetry headers stay at the gateway");
        got.headers().keySet().forEach(name -> assertFalse(name.startsWith("x-portkey-"), "leaked " + name));
    }

    @Test
    void aNativeMessagesStreamIsRelayedEventByEvent() throws Exception {
        HttpResponse<InputStream> res = stream("/v1/messages", MESSAGES_STREAM, sdkHeaders("anthropic"));
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        List<GatewayClient.Event> events = GatewayClient.events(res.body());
        List<String> expected = new ArrayList<>();
        for (String[] e : ANTHROPIC_STREAM) {
            expected.add(e[0] + " " + e[1]);
        }
        assertEquals(expected, events.stream().map(e -> e.name() + " " + e.data()).toList(), "unchanged, nothing added");
    }

    @Test
    void aNativeMessagesStreamThatBreaksOffEndsWithAnAnthropicErrorEvent() throws Exception {
        anthropic.on("POST", "/v1/messages", (req, ex) -> {
            ex.beginEvents();
            for (int i = 0; i < 4; i++) {
                namedEvent(ex, ANTHROPIC_STREAM[i][0], ANTHROPIC_STREAM[i][1]);
            }
            ex.end(); // no message_stop
        });
        List<GatewayClient.Event> events = GatewayClient.events(stream("/v1/messages", MESSAGES_STREAM, sdkHeaders("anthropic")).body());
        GatewayClient.Event last = events.get(events.size() - 1);
        assertEquals("error", last.name());
        JsonObject error = json(last.data());
        assertEquals("error", error.getString("type"));
        assertEquals("api_error", error.getJsonObject("error").getString("type"));
        assertEquals(5, events.size(), events.toString());
    }

    @Test
    void countTokensIsNativeForAnthropicAndAClearErrorElsewhere() throws Exception {
        String count = "{\"model\":\"m-1\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello, world\"}]}";
        HttpResponse<String> res = gateway.postJson("/v1/messages/count_tokens", count, sdkHeaders("anthropic"));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(14, json(res.body()).getInt("input_tokens"));
        RecordedRequest got = anthropic.takeRequest(1000);
        assertEquals("/v1/messages/count_tokens", got.path());
        assertEquals(count, got.bodyText());

        HttpResponse<String> refused = gateway.postJson("/v1/messages/count_tokens", count, sdkHeaders("openai"));
        assertAnthropicError(refused, 400, "invalid_request_error");
        assertTrue(json(refused.body()).getJsonObject("error").getString("message").contains("'openai' has no token counting"), refused.body());
        assertEquals(0, openai.requests().size());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Messages API: translated

    @Test
    void messagesToOpenAiGeminiAndCohereAnswerAsAnthropicMessages() throws Exception {
        for (String provider : List.of("openai", "google", "cohere")) {
            HttpResponse<String> res = gateway.postJson("/v1/messages", MESSAGES, sdkHeaders(provider));
            assertEquals(200, res.statusCode(), provider + ": " + res.body());
            assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("application/json"), provider);
            assertEquals(provider, res.headers().firstValue("x-portkey-provider").orElseThrow());
            JsonObject message = json(res.body());
            assertEquals("message", message.getString("type"), provider);
            assertEquals("assistant", message.getString("role"), provider);
            assertEquals("tool_use", message.getString("stop_reason"), provider);
            JsonArray content = message.getJsonArray("content");
            assertEquals("Let me check.", content.getJsonObject(0).getString("text"), provider);
            JsonObject toolUse = content.getJsonObject(1);
            assertEquals("tool_use", toolUse.getString("type"), provider);
            assertEquals("get_weather", toolUse.getString("name"), provider);
            assertEquals(json("{\"city\":\"Paris\"}"), toolUse.getJsonObject("input"), provider);
            assertEquals(20, message.getJsonObject("usage").getInt("input_tokens"), provider);
            assertEquals(10, message.getJsonObject("usage").getInt("output_tokens"), provider);
        }
        RecordedRequest toOpenAi = openai.takeRequest(1000);
        assertEquals("/v1/chat/completions", toOpenAi.path());
        assertEquals("Bearer sk-openai", toOpenAi.header("authorization"), "the SDK's x-api-key is the provider key");
        assertNull(toOpenAi.header("x-api-key"));
        assertNull(toOpenAi.header("anthropic-version"));
        JsonObject sent = json(toOpenAi.bodyText());
        assertEquals("system", sent.getJsonArray("messages").getJsonObject(0).getString("role"));
        assertEquals(200, sent.getInt("max_completion_tokens"));
        assertEquals("get_weather", sent.getJsonArray("tools").getJsonObject(0).getJsonObject("function").getString("name"));
        RecordedRequest toGemini = gemini.takeRequest(1000);
        assertEquals("/v1beta/models/m-1:generateContent", toGemini.path());
        assertEquals("g-key", toGemini.header("x-goog-api-key"));
        RecordedRequest toCohere = cohere.takeRequest(1000);
        assertEquals("/v2/chat", toCohere.path());
        assertEquals("Bearer co-key", toCohere.header("authorization"));
    }

    @Test
    void messagesStreamsFromOpenAiGeminiAndCohereAreAnthropicEventsWithToolIdsAndArguments() throws Exception {
        Map<String, String> toolIds = new LinkedHashMap<>();
        for (String provider : List.of("openai", "google", "cohere")) {
            HttpResponse<InputStream> res = stream("/v1/messages", MESSAGES_STREAM, sdkHeaders(provider));
            assertEquals(200, res.statusCode(), provider);
            assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"), provider);
            List<GatewayClient.Event> events = GatewayClient.events(res.body());
            AnthropicStream answer = AnthropicStream.read(events, provider);
            assertEquals("Let me check.", answer.text(), provider);
            assertEquals(json("{\"city\":\"Paris\"}"), json(answer.toolInput()), provider);
            assertEquals("get_weather", answer.toolName(), provider);
            assertEquals("tool_use", answer.stopReason(), provider);
            assertEquals(10, answer.outputTokens(), provider);
            toolIds.put(provider, answer.toolId());
        }
        assertEquals("call_1", toolIds.get("openai"), "the provider's tool id survives");
        assertEquals("get_weather_1", toolIds.get("cohere"));
        assertEquals("call_r-1_0_0", toolIds.get("google"));
        JsonObject sentToOpenAi = json(openai.takeRequest(1000).bodyText());
        assertTrue(sentToOpenAi.getBoolean("stream"));
        assertTrue(sentToOpenAi.getJsonObject("stream_options").getBoolean("include_usage"));
        assertEquals("/v1beta/models/m-1:streamGenerateContent", gemini.takeRequest(1000).path());
    }

    @Test
    void aToolResultGoesBackToOpenAiUnderTheSameId() throws Exception {
        String followUp = "{\"model\":\"m-1\",\"max_tokens\":200,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"call_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"call_1\",\"content\":\"18 degrees\"}]}]}";
        assertEquals(200, gateway.postJson("/v1/messages", followUp, sdkHeaders("openai")).statusCode());
        JsonArray sent = json(openai.takeRequest(1000).bodyText()).getJsonArray("messages");
        assertEquals("call_1", sent.getJsonObject(1).getJsonArray("tool_calls").getJsonObject(0).getString("id"));
        assertEquals("{\"city\":\"Paris\"}", sent.getJsonObject(1).getJsonArray("tool_calls").getJsonObject(0)
                .getJsonObject("function").getString("arguments"));
        assertEquals(json("{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"18 degrees\"}"), sent.getJsonObject(2));
    }

    @Test
    void messagesErrorsTakeAnthropicsShape() throws Exception {
        openai.on("POST", "/v1/chat/completions", (req, ex) -> ex.respond(429, Map.of("Content-Type", "application/json",
                "retry-after", "3", "x-ratelimit-remaining-requests", "0"),
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}"
                        .getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> upstreamError = gateway.postJson("/v1/messages", MESSAGES, sdkHeaders("openai"));
        assertAnthropicError(upstreamError, 429, "rate_limit_error");
        assertEquals("openai error: Rate limit reached", json(upstreamError.body()).getJsonObject("error").getString("message"));
        assertEquals("3", upstreamError.headers().firstValue("retry-after").orElseThrow());
        assertEquals("0", upstreamError.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow());

        assertAnthropicError(gateway.postJson("/v1/messages", MESSAGES, "x-api-key", "k"), 400, "invalid_request_error");
        assertAnthropicError(gateway.postJson("/v1/messages", "{\"model\":\"m-1\",\"messages\":\"no\"}", sdkHeaders("openai")),
                400, "invalid_request_error");
        assertAnthropicError(gateway.postJson("/v1/messages", "not json", sdkHeaders("anthropic")), 400, "invalid_request_error");
        HttpResponse<String> wrongMethod = gateway.send(gateway.request("/v1/messages").GET().build());
        assertAnthropicError(wrongMethod, 405, "invalid_request_error");
        HttpResponse<String> unreachable = gateway.postJson("/v1/messages", MESSAGES, "x-portkey-provider", "openai",
                "x-portkey-custom-host", "http://127.0.0.1:1/v1", "x-api-key", "k");
        assertAnthropicError(unreachable, 502, "api_error");
        assertEquals("true", unreachable.headers().firstValue("x-portkey-gateway-exception").orElseThrow());
        assertEquals("openai", unreachable.headers().firstValue("x-portkey-provider").orElseThrow());
    }

    @Test
    void aFallbackFromAnthropicToOpenAiAnswersInMessagesFormat() throws Exception {
        anthropic.on("POST", "/v1/messages", (req, ex) -> ex.respond(529, Map.of("Content-Type", "application/json"),
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}".getBytes(StandardCharsets.UTF_8)));
        String config = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"anthropic\",\"api_key\":\"sk-ant-cfg\",\"custom_host\":\"" + anthropic.baseUrl() + "/v1\"},"
                + "{\"provider\":\"openai\",\"api_key\":\"sk-openai-cfg\",\"custom_host\":\"" + openai.baseUrl() + "/v1\","
                + "\"override_params\":{\"model\":\"gpt-4o-mini\"}}]}";
        HttpResponse<String> res = gateway.postJson("/v1/messages", MESSAGES, "x-portkey-config", config, "anthropic-version", "2023-06-01");
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("config.targets[1]", res.headers().firstValue("x-portkey-last-used-option-index").orElseThrow());
        assertEquals("openai", res.headers().firstValue("x-portkey-provider").orElseThrow());
        JsonObject message = json(res.body());
        assertEquals("message", message.getString("type"));
        assertEquals("tool_use", message.getJsonArray("content").getJsonObject(1).getString("type"));
        assertEquals("sk-ant-cfg", anthropic.takeRequest(1000).header("x-api-key"));
        RecordedRequest toOpenAi = openai.takeRequest(1000);
        assertEquals("Bearer sk-openai-cfg", toOpenAi.header("authorization"));
        assertEquals("gpt-4o-mini", json(toOpenAi.bodyText()).getString("model"), "override_params apply to the Messages body");

        HttpResponse<InputStream> streamed = stream("/v1/messages", MESSAGES_STREAM, "x-portkey-config", config);
        assertEquals(200, streamed.statusCode());
        AnthropicStream answer = AnthropicStream.read(GatewayClient.events(streamed.body()), "fallback");
        assertEquals("call_1", answer.toolId());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Responses API: native

    private static final String RESPONSES = "{\"model\":\"m-1\",\"instructions\":\"Be brief.\",\"input\":\"Weather in Paris?\","
            + "\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\",\"description\":\"Current weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}]}";
    private static final String RESPONSES_STREAM = RESPONSES.substring(0, RESPONSES.length() - 1) + ",\"stream\":true}";
    private static final String OPENAI_RESPONSE = "{\"id\":\"resp_openai_1\",\"object\":\"response\",\"created_at\":1741476542,"
            + "\"status\":\"completed\",\"model\":\"m-1\",\"output\":[{\"type\":\"message\",\"id\":\"msg_o1\",\"status\":\"completed\","
            + "\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"Sunny.\",\"annotations\":[]}]}],"
            + "\"usage\":{\"input_tokens\":36,\"output_tokens\":3,\"total_tokens\":39}}";

    @Test
    void responsesToOpenAiPassThroughAsSentAndSoDoRetrievalAndDeletion() throws Exception {
        openai.on("POST", "/v1/responses", (req, ex) -> ex.respond(200, Map.of("Content-Type", "application/json",
                "x-request-id", "req_o"), OPENAI_RESPONSE.getBytes(StandardCharsets.UTF_8)));
        openai.on("GET", "/v1/responses/resp_openai_1", (req, ex) -> ex.json(200, OPENAI_RESPONSE));
        openai.on("GET", "/v1/responses/resp_openai_1/input_items", (req, ex) -> ex.json(200,
                "{\"object\":\"list\",\"data\":[],\"first_id\":null,\"last_id\":null,\"has_more\":false}"));
        openai.on("DELETE", "/v1/responses/resp_openai_1", (req, ex) -> ex.json(200,
                "{\"id\":\"resp_openai_1\",\"object\":\"response\",\"deleted\":true}"));

        HttpResponse<String> created = gateway.postJson("/v1/responses", RESPONSES, openAiSdkHeaders("openai", "OpenAI-Beta", "responses=v1"));
        assertEquals(200, created.statusCode(), created.body());
        assertEquals(json(OPENAI_RESPONSE), json(created.body()));
        assertEquals("req_o", created.headers().firstValue("x-request-id").orElseThrow());
        RecordedRequest got = openai.takeRequest(1000);
        assertEquals(RESPONSES, got.bodyText(), "the client's bytes");
        assertEquals("Bearer sk-openai", got.header("authorization"));
        assertEquals("responses=v1", got.header("openai-beta"));

        HttpResponse<String> retrieved = gateway.send(gateway.request("/v1/responses/resp_openai_1").GET()
                .headers(openAiSdkHeaders("openai")).build());
        assertEquals(json(OPENAI_RESPONSE), json(retrieved.body()));
        HttpResponse<String> items = gateway.send(gateway.request("/v1/responses/resp_openai_1/input_items?limit=5&order=asc").GET()
                .headers(openAiSdkHeaders("openai")).build());
        assertEquals("list", json(items.body()).getString("object"));
        HttpResponse<String> deleted = gateway.send(gateway.request("/v1/responses/resp_openai_1").DELETE()
                .headers(openAiSdkHeaders("openai")).build());
        assertTrue(json(deleted.body()).getBoolean("deleted"));
        openai.takeRequest(1000);
        RecordedRequest listed = openai.takeRequest(1000);
        assertEquals("GET /v1/responses/resp_openai_1/input_items limit=5&order=asc", listed.method() + " " + listed.path() + " " + listed.rawQuery());
        assertEquals("DELETE", openai.takeRequest(1000).method());
    }

    @Test
    void aNativeResponsesStreamIsRelayedUnchanged() throws Exception {
        String[][] stream = {
            {"response.created", "{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{\"id\":\"resp_o2\",\"status\":\"in_progress\",\"output\":[]}}"},
            {"response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"sequence_number\":1,\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"Sunny.\"}"},
            {"response.completed", "{\"type\":\"response.completed\",\"sequence_number\":2,\"response\":{\"id\":\"resp_o2\",\"status\":\"completed\"}}"},
        };
        openai.on("POST", "/v1/responses", (req, ex) -> {
            ex.beginEvents();
            for (String[] e : stream) {
                namedEvent(ex, e[0], e[1]);
            }
            ex.end();
        });
        List<GatewayClient.Event> events = GatewayClient.events(stream("/v1/responses", RESPONSES_STREAM, openAiSdkHeaders("openai")).body());
        assertEquals(List.of(stream[0][0] + " " + stream[0][1], stream[1][0] + " " + stream[1][1], stream[2][0] + " " + stream[2][1]),
                events.stream().map(e -> e.name() + " " + e.data()).toList());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Responses API: translated

    @Test
    void responsesToAnthropicAndGeminiAnswerAsResponseObjects() throws Exception {
        for (String provider : List.of("anthropic", "google")) {
            HttpResponse<String> res = gateway.postJson("/v1/responses", RESPONSES, openAiSdkHeaders(provider));
            assertEquals(200, res.statusCode(), provider + ": " + res.body());
            assertEquals(provider, res.headers().firstValue("x-portkey-provider").orElseThrow());
            JsonObject response = json(res.body());
            assertTrue(response.getString("id").matches("resp_[0-9a-f]{48}"), response.getString("id"));
            assertEquals("response", response.getString("object"));
            assertEquals("completed", response.getString("status"));
            assertEquals("Let me check.", response.getString("output_text"));
            JsonArray output = response.getJsonArray("output");
            assertEquals("message", output.getJsonObject(0).getString("type"));
            assertEquals("Let me check.", output.getJsonObject(0).getJsonArray("content").getJsonObject(0).getString("text"));
            JsonObject call = output.getJsonObject(1);
            assertEquals("function_call", call.getString("type"));
            assertEquals("get_weather", call.getString("name"));
            assertEquals(json("{\"city\":\"Paris\"}"), json(call.getString("arguments")));
            assertEquals(30, response.getJsonObject("usage").getInt("total_tokens"));
            assertEquals("Be brief.", response.getString("instructions"));
        }
        RecordedRequest toAnthropic = anthropic.takeRequest(1000);
        assertEquals("/v1/messages", toAnthropic.path());
        assertEquals("sk-ant", toAnthropic.header("x-api-key"));
        JsonObject sent = json(toAnthropic.bodyText());
        assertEquals("Be brief.", sent.getString("system"));
        assertEquals("Weather in Paris?", sent.getJsonArray("messages").getJsonObject(0).getString("content"));
        assertEquals("get_weather", sent.getJsonArray("tools").getJsonObject(0).getString("name"));
        assertEquals("/v1beta/models/m-1:generateContent", gemini.takeRequest(1000).path());
    }

    @Test
    void responsesStreamsFromAnthropicAndGeminiAreTheResponsesEventSequence() throws Exception {
        for (String provider : List.of("anthropic", "google")) {
            HttpResponse<InputStream> res = stream("/v1/responses", RESPONSES_STREAM, openAiSdkHeaders(provider));
            assertEquals(200, res.statusCode(), provider);
            assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"), provider);
            List<GatewayClient.Event> events = GatewayClient.events(res.body());
            JsonObject response = ResponsesStream.read(events, provider);
            assertEquals("completed", response.getString("status"), provider);
            assertEquals("Let me check.", response.getString("output_text"), provider);
            assertEquals(json("{\"city\":\"Paris\"}"), json(response.getJsonArray("output").getJsonObject(1).getString("arguments")), provider);
        }
    }

    @Test
    void aTwoTurnConversationOnATranslatedProviderIsKeptByTheGateway() throws Exception {
        HttpResponse<String> first = gateway.postJson("/v1/responses", "{\"model\":\"m-1\",\"instructions\":\"Be brief.\","
                + "\"input\":\"tell me a joke\"}", openAiSdkHeaders("anthropic"));
        assertEquals(200, first.statusCode(), first.body());
        String firstId = json(first.body()).getString("id");
        anthropic.takeRequest(1000);

        HttpResponse<InputStream> second = stream("/v1/responses", "{\"model\":\"m-1\",\"stream\":true,\"previous_response_id\":\"" + firstId
                + "\",\"input\":[{\"role\":\"user\",\"content\":\"explain why this is funny.\"}]}", openAiSdkHeaders("anthropic"));
        JsonObject secondResponse = ResponsesStream.read(GatewayClient.events(second.body()), "turn 2");
        String secondId = secondResponse.getString("id");
        assertEquals(firstId, secondResponse.getString("previous_response_id"));
        JsonObject sent = json(anthropic.takeRequest(1000).bodyText());
        assertFalse(sent.containsKey("system"), "instructions are not carried over");
        JsonArray messages = sent.getJsonArray("messages");
        assertEquals("tell me a joke", messages.getJsonObject(0).getString("content"));
        assertEquals("assistant", messages.getJsonObject(1).getString("role"), "the stored answer goes back as the assistant's turn");
        assertEquals("explain why this is funny.", messages.getJsonObject(2).getString("content"));

        // Retrieval needs no provider: the gateway keeps the response.
        HttpResponse<String> retrieved = gateway.send(gateway.request("/v1/responses/" + secondId).GET().build());
        assertEquals(200, retrieved.statusCode(), retrieved.body());
        assertEquals(secondResponse, json(retrieved.body()));
        HttpResponse<String> items = gateway.send(gateway.request("/v1/responses/" + secondId + "/input_items").GET().build());
        JsonObject list = json(items.body());
        assertEquals("explain why this is funny.", list.getJsonArray("data").getJsonObject(0).getJsonArray("content").getJsonObject(0).getString("text"));
        assertFalse(list.getBoolean("has_more"));

        HttpResponse<String> deleted = gateway.send(gateway.request("/v1/responses/" + secondId).DELETE().build());
        assertEquals(json("{\"id\":\"" + secondId + "\",\"object\":\"response\",\"deleted\":true}"), json(deleted.body()));
        HttpResponse<String> gone = gateway.send(gateway.request("/v1/responses/" + secondId).GET().headers(openAiSdkHeaders("anthropic")).build());
        assertEquals(404, gone.statusCode(), gone.body());
        assertEquals("Response with id '" + secondId + "' not found.", json(gone.body()).getJsonObject("error").getString("message"));
        HttpResponse<String> continueGone = gateway.postJson("/v1/responses", "{\"model\":\"m-1\",\"previous_response_id\":\"" + secondId
                + "\",\"input\":\"and?\"}", openAiSdkHeaders("anthropic"));
        assertEquals(400, continueGone.statusCode());
        assertEquals("previous_response_not_found", json(continueGone.body()).getJsonObject("error").getString("code"));
        assertEquals(2, anthropic.requests().size(), "retrieval, deletion and the refused third turn never reach the provider");
    }

    @Test
    void aConversationKeptByTheGatewayGoesOnAtOpenAi() throws Exception {
        HttpResponse<String> first = gateway.postJson("/v1/responses", "{\"model\":\"m-1\",\"input\":\"tell me a joke\"}",
                openAiSdkHeaders("google"));
        String firstId = json(first.body()).getString("id");
        openai.on("POST", "/v1/responses", (req, ex) -> ex.json(200, OPENAI_RESPONSE));
        gateway.postJson("/v1/responses", "{\"model\":\"gpt-4o\",\"previous_response_id\":\"" + firstId + "\",\"input\":\"and?\"}",
                openAiSdkHeaders("openai"));
        JsonObject sent = json(openai.takeRequest(1000).bodyText());
        assertFalse(sent.containsKey("previous_response_id"), "OpenAI never saw that response");
        JsonArray input = sent.getJsonArray("input");
        assertEquals(4, input.size(), input.toString());
        assertEquals(json("{\"role\":\"assistant\",\"content\":\"Let me check.\"}"), input.getJsonObject(1));
        assertEquals(json("{\"type\":\"function_call\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\",\"call_id\":\"call_r-1_0_0\","
                + "\"name\":\"get_weather\"}"), input.getJsonObject(2), "the gateway's item ids are not sent");
        assertEquals(json("{\"role\":\"user\",\"content\":\"and?\"}"), input.getJsonObject(3));
    }

    @Test
    void aMalformedQueryGoesOnEncodedAndABadPageIsA400NeverA500() throws Exception {
        GatewayClient.RawResponse messages = gateway.raw("POST", "/v1/messages?x=%zz&beta=true", MESSAGES, sdkHeaders("anthropic"));
        assertEquals(200, messages.status(), messages.body());
        assertEquals("x=%25zz&beta=true", anthropic.takeRequest(1000).rawQuery(), "the stray % is sent encoded, as a browser would");

        HttpResponse<String> created = gateway.postJson("/v1/responses", "{\"model\":\"m-1\",\"input\":\"hi\"}", openAiSdkHeaders("anthropic"));
        assertEquals(200, created.statusCode(), created.body());
        String id = json(created.body()).getString("id");
        for (String query : List.of("limit=0", "limit=%zz", "limit=99999999999")) {
            GatewayClient.RawResponse page = gateway.raw("GET", "/v1/responses/" + id + "/input_items?" + query, null);
            assertEquals(400, page.status(), query + ": " + page.body());
            JsonObject error = json(page.body()).getJsonObject("error");
            assertEquals("invalid_query", error.getString("code"), query);
            assertTrue(error.containsKey("message") && error.containsKey("type"));
        }
        openai.on("GET", "/v1/responses/resp_openai_1", (req, ex) -> ex.json(200, "{\"id\":\"resp_openai_1\",\"object\":\"response\"}"));
        GatewayClient.RawResponse retrieved = gateway.raw("GET", "/v1/responses/resp_openai_1?x=%zz", null, openAiSdkHeaders("openai"));
        assertEquals(200, retrieved.status(), retrieved.body());
        assertEquals("x=%25zz", openai.takeRequest(1000).rawQuery());
    }

    @Test
    void responsesErrorsTakeOpenAisShape() throws Exception {
        anthropic.on("POST", "/v1/messages", (req, ex) -> ex.respond(529, Map.of("Content-Type", "application/json"),
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> res = gateway.postJson("/v1/responses", RESPONSES, openAiSdkHeaders("anthropic"));
        assertEquals(529, res.statusCode());
        assertEquals(json("{\"error\":{\"message\":\"anthropic error: Overloaded\",\"type\":\"overloaded_error\",\"param\":null,\"code\":null},"
                + "\"provider\":\"anthropic\"}"), json(res.body()));
        HttpResponse<String> hosted = gateway.postJson("/v1/responses", "{\"model\":\"m-1\",\"input\":\"x\",\"tools\":[{\"type\":\"web_search_preview\"}]}",
                openAiSdkHeaders("google"));
        assertEquals(400, hosted.statusCode());
        assertEquals("unsupported_parameter", json(hosted.body()).getJsonObject("error").getString("code"));
        assertEquals(0, gemini.requests().size());
        HttpResponse<String> noProvider = gateway.send(gateway.request("/v1/responses/resp_unknown").GET().build());
        assertEquals(400, noProvider.statusCode());
        assertEquals("missing_provider", json(noProvider.body()).getJsonObject("error").getString("code"));
    }

    /** What the OpenAI SDK's stream helper assembles, having checked the event sequence on the way. */
    static final class ResponsesStream {
        static JsonObject read(List<GatewayClient.Event> events, String provider) {
            assertEquals("response.created", events.get(0).name(), provider);
            assertEquals("response.in_progress", events.get(1).name(), provider);
            List<JsonObject> output = new ArrayList<>();
            List<StringBuilder> texts = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                GatewayClient.Event e = events.get(i);
                JsonObject data = json(e.data());
                assertEquals(e.name(), data.getString("type"), provider);
                assertEquals(i, data.getInt("sequence_number"), provider);
                switch (e.name()) {
                    case "response.output_item.added" -> {
                        assertEquals(output.size(), data.getInt("output_index"), provider);
                        output.add(data.getJsonObject("item"));
                        texts.add(new StringBuilder());
                    }
                    case "response.output_text.delta", "response.function_call_arguments.delta" -> {
                        JsonObject item = output.get(data.getInt("output_index"));
                        assertEquals(item.getString("id"), data.getString("item_id"), provider);
                        texts.get(data.getInt("output_index")).append(data.getString("delta"));
                    }
                    case "response.output_item.done" -> {
                        JsonObject item = data.getJsonObject("item");
                        String accumulated = texts.get(data.getInt("output_index")).toString();
                        assertEquals(accumulated, item.getString("type").equals("message")
                                ? item.getJsonArray("content").getJsonObject(0).getString("text") : item.getString("arguments"), provider);
                    }
                    case "response.failed", "error" -> throw new AssertionError(provider + ": " + e.data());
                    default -> { }
                }
            }
            GatewayClient.Event last = events.get(events.size() - 1);
            assertEquals("response.completed", last.name(), provider);
            JsonObject response = json(last.data()).getJsonObject("response");
            assertEquals(output.size(), response.getJsonArray("output").size(), provider);
            return response;
        }
    }

    private static void assertAnthropicError(HttpResponse<String> res, int status, String type) {
        assertEquals(status, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("application/json"), res.body());
        JsonObject body = json(res.body());
        assertEquals("error", body.getString("type"), res.body());
        assertEquals(type, body.getJsonObject("error").getString("type"), res.body());
        assertFalse(body.getJsonObject("error").getString("message").isEmpty());
    }

    /** What the Anthropic SDK accumulates from a stream, having checked the event sequence on the way. */
    record AnthropicStream(String text, String toolId, String toolName, String toolInput, String stopReason, int outputTokens) {
        static AnthropicStream read(List<GatewayClient.Event> events, String provider) {
            assertEquals("message_start", events.get(0).name(), provider);
            assertEquals("message_stop", events.get(events.size() - 1).name(), provider);
            assertEquals("message_delta", events.get(events.size() - 2).name(), provider);
            StringBuilder text = new StringBuilder();
            StringBuilder input = new StringBuilder();
            String toolId = null;
            String toolName = null;
            int open = -1;
            for (GatewayClient.Event e : events) {
                JsonObject data = json(e.data());
                assertEquals(e.name(), data.getString("type"), provider + ": the event name is its type");
                switch (e.name()) {
                    case "content_block_start" -> {
                        assertEquals(-1, open, provider + ": blocks do not overlap");
                        open = data.getInt("index");
                        JsonObject block = data.getJsonObject("content_block");
                        if (block.getString("type").equals("tool_use")) {
                            toolId = block.getString("id");
                            toolName = block.getString("name");
                        }
                    }
                    case "content_block_delta" -> {
                        assertEquals(open, data.getInt("index"), provider + ": deltas go to the open block");
                        JsonObject delta = data.getJsonObject("delta");
                        if (delta.getString("type").equals("text_delta")) {
                            text.append(delta.getString("text"));
                        } else {
                            input.append(delta.getString("partial_json"));
                        }
                    }
                    case "content_block_stop" -> open = -1;
                    case "error" -> throw new AssertionError(provider + ": " + e.data());
                    default -> { }
                }
            }
            JsonObject delta = json(events.get(events.size() - 2).data());
            return new AnthropicStream(text.toString(), toolId, toolName, input.toString(),
                    delta.getJsonObject("delta").getString("stop_reason"), delta.getJsonObject("usage").getInt("output_tokens"));
        }
    }
}
