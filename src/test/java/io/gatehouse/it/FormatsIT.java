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
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Anthropic Messages API and the OpenAI Responses API on a real Payara Micro, against fakes that speak
 * each provider's own wire format and record what they received: native pass-through where the provider
 * speaks the client's API, translation everywhere else, routing exactly as on chat completions.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FormatsIT {
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

    @ArquillianResource
    URL deployed;

    GatewayClient gateway;

    @Deployment(testable = false)
    static WebArchive war() {
        return Deployments.gatehouseAtRoot();
    }

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
        // Also the hook arquillian-junit5 needs to inject @ArquillianResource fields.
        fakes().forEach(FakeUpstream::reset);
        gateway = new GatewayClient(deployed);
        answerNatively();
    }

    /** Headers that send a request to {@code provider}'s fake, the provider key as the Anthropic SDK sends its key. */
    private static String[] sdkHeaders(String provider, String... extra) {
        List<String> h = new ArrayList<>(List.of("x-portkey-provider", provider, "anthropic-version", "2023-06-01"));
        switch (provider) {
            case "openai" -> h.addAll(List.of("x-portkey-custom-host", openai.baseUrl() + "/v1", "x-api-key", "sk-openai"));
            case "anthropic" -> h.addAll(List.of("x-portkey-custom-host", anthropic.baseUrl() + "/v1", "x-api-key", "sk-ant"));
            case "google" -> h.addAll(List.of("x-portkey-custom-host", gemini.baseUrl() + "/v1beta", "x-api-key", "g-key"));
            case "cohere" -> h.addAll(List.of("x-portkey-custom-host", cohere.baseUrl(), "x-api-key", "co-key"));
            default -> throw new IllegalArgumentException(provider);
        }
        h.addAll(List.of(extra));
        return h.toArray(String[]::new);
    }

    /** Every fake answers in its own API: "Let me check." and a get_weather call for Paris. */
    private static void answerNatively() {
        openai.on("POST", "/v1/chat/completions", (req, ex) -> {
            if (!req.bodyText().contains("\"stream\":true")) {
                ex.json(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m-1\",\"choices\":[{\"index\":0,"
                        + "\"message\":{\"role\":\"assistant\",\"content\":\"Let me check.\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\","
                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},\"logprobs\":null,"
                        + "\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":10,\"total_tokens\":30}}");
                return;
            }
            ex.beginEvents();
            String head = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m-1\",\"choices\":";
            ex.event(head + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}");
            ex.event(head + "[{\"index\":0,\"delta\":{\"content\":\"Let me check.\"},\"logprobs\":null,\"finish_reason\":null}]}");
            ex.event(head + "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"logprobs\":null,\"finish_reason\":null}]}");
            ex.event(head + "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},\"logprobs\":null,\"finish_reason\":null}]}");
            ex.event(head + "[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]},\"logprobs\":null,\"finish_reason\":null}]}");
            ex.event(head + "[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}]}");
            ex.event(head + "[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":10,\"total_tokens\":30}}");
            ex.event("[DONE]");
            ex.end();
        });
        anthropic.on("POST", "/v1/messages", (req, ex) -> {
            if (!req.bodyText().contains("\"stream\":true")) {
                ex.respond(200, Map.of("Content-Type", "application/json", "request-id", "req_native"), ANTHROPIC_MESSAGE.getBytes(StandardCharsets.UTF_8));
                return;
            }
            ex.beginEvents();
            for (String[] event : ANTHROPIC_STREAM) {
                namedEvent(ex, event[0], event[1]);
            }
            ex.end();
        });
        anthropic.on("POST", "/v1/messages/count_tokens", (req, ex) -> ex.json(200, "{\"input_tokens\":14}"));
        gemini.on("POST", "/v1beta/models/m-1:generateContent", (req, ex) -> ex.json(200,
                "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Let me check.\"},"
                        + "{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}}]},\"finishReason\":\"STOP\",\"index\":0}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":20,\"candidatesTokenCount\":10,\"totalTokenCount\":30},"
                        + "\"modelVersion\":\"m-1\",\"responseId\":\"r-1\"}"));
        gemini.on("POST", "/v1beta/models/m-1:streamGenerateContent", (req, ex) -> {
            ex.begin(200, Map.of("Content-Type", "text/event-stream"));
            ex.chunk("data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Let me \"}]},\"index\":0}],"
                    + "\"usageMetadata\":{\"promptTokenCount\":20,\"totalTokenCount\":20},\"modelVersion\":\"m-1\",\"responseId\":\"r-1\"}\r\n\r\n");
            ex.chunk("data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"check.\"},{\"functionCall\":{\"name\":\"get_weather\","
                    + "\"args\":{\"city\":\"Paris\"}}}]},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":20,"
                    + "\"candidatesTokenCount\":10,\"totalTokenCount\":30},\"modelVersion\":\"m-1\",\"responseId\":\"r-1\"}\r\n\r\n");
            ex.end();
        });
        cohere.on("POST", "/v2/chat", (req, ex) -> {
            if (!req.bodyText().contains("\"stream\":true")) {
                ex.json(200, "{\"id\":\"co-1\",\"finish_reason\":\"TOOL_CALL\",\"message\":{\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                        + "\"text\":\"Let me check.\"}],\"tool_calls\":[{\"id\":\"get_weather_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                        + "\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]},\"usage\":{\"tokens\":{\"input_tokens\":20,\"output_tokens\":10}}}");
                return;
            }
            ex.beginEvents();
            namedEvent(ex, "message-start", "{\"id\":\"co-1\",\"type\":\"message-start\",\"delta\":{\"message\":{\"role\":\"assistant\",\"content\":[],\"tool_plan\":\"\",\"tool_calls\":[],\"citations\":[]}}}");
            namedEvent(ex, "content-start", "{\"type\":\"content-start\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"type\":\"text\",\"text\":\"\"}}}}");
            namedEvent(ex, "content-delta", "{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"Let me check.\"}}}}");
            namedEvent(ex, "content-end", "{\"type\":\"content-end\",\"index\":0}");
            namedEvent(ex, "tool-call-start", "{\"type\":\"tool-call-start\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":{\"id\":\"get_weather_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}}}}");
            namedEvent(ex, "tool-call-delta", "{\"type\":\"tool-call-delta\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":{\"function\":{\"arguments\":\"{\\\"city\\\"\"}}}}}");
            namedEvent(ex, "tool-call-delta", "{\"type\":\"tool-call-delta\",\"index\":0,\"delta\":{\"message\":{\"tool_calls\":{\"function\":{\"arguments\":\": \\\"Paris\\\"}\"}}}}}");
            namedEvent(ex, "tool-call-end", "{\"type\":\"tool-call-end\",\"index\":0}");
            namedEvent(ex, "message-end", "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"TOOL_CALL\",\"usage\":{\"tokens\":{\"input_tokens\":20,\"output_tokens\":10}}}}");
            ex.end();
        });
    }

    private static final String ANTHROPIC_MESSAGE = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m-1\",\"content\":["
            + "{\"type\":\"text\",\"text\":\"Let me check.\"},{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\","
            + "\"input\":{\"city\":\"Paris\"}}],\"stop_reason\":\"tool_use\",\"stop_sequence\":null,"
            + "\"usage\":{\"input_tokens\":20,\"output_tokens\":10}}";
    private static final String[][] ANTHROPIC_STREAM = {
        {"message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[],\"model\":\"m-1\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{\"input_tokens\":20,\"output_tokens\":1}}}"},
        {"content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"},
        {"ping", "{\"type\":\"ping\"}"},
        {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Let me check.\"}}"},
        {"content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"},
        {"content_block_start", "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}"},
        {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \"}}"},
        {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\\\"Paris\\\"}\"}}"},
        {"content_block_stop", "{\"type\":\"content_block_stop\",\"index\":1}"},
        {"message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":10}}"},
        {"message_stop", "{\"type\":\"message_stop\"}"},
    };

    /** One SSE event with a name, as Anthropic, Cohere and OpenAI Responses send them. */
    private static void namedEvent(FakeUpstream.Exchange ex, String name, String data) throws IOException {
        ex.chunk("event: " + name + "\ndata: " + data + "\n\n");
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
        HttpResponse<String> res = gateway.postJson("/v1/messages", MESSAGES, sdkHeaders("anthropic",
                "anthropic-beta", "prompt-caching-2024-07-31", "x-stainless-lang", "python", "User-Agent", "Anthropic/Python 0.69.0"));
        assertEquals(200, res.statusCode(), res.body());
        assertEquals(json(ANTHROPIC_MESSAGE), json(res.body()), "the answer as Anthropic sent it");
        assertEquals("req_native", res.headers().firstValue("request-id").orElseThrow());
        assertEquals("anthropic", res.headers().firstValue("x-portkey-provider").orElseThrow());

        RecordedRequest got = anthropic.takeRequest(1000);
        assertEquals("/v1/messages", got.path());
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
