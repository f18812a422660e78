package io.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
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
 * The translated providers on a real Payara Micro, each against a fake of its own API that records what
 * it received: one OpenAI request (tools included) gives the same OpenAI-shaped answer and stream whether
 * OpenAI, Anthropic, Gemini, Azure OpenAI or Cohere answered it; only {@code provider} tells them apart.
 */
class ProvidersIT extends GatewayDeployed {
    /** The same client request for every provider: only the headers choose who answers. */
    private static final String CHAT = "{\"model\":\"m-1\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
            + "{\"role\":\"user\",\"content\":\"Weather in Paris?\"}],\"max_tokens\":200,"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"description\":\"Current weather\","
            + "\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}]}";
    private static final String STREAM = CHAT.substring(0, CHAT.length() - 1) + ",\"stream\":true,\"stream_options\":{\"include_usage\":true}}";
    private static final List<String> PROVIDERS = List.of("openai", "anthropic", "google", "azure-openai", "cohere");

    static FakeUpstream openai;
    static FakeUpstream anthropic;
    static FakeUpstream gemini;
    static FakeUpstream azure;
    static FakeUpstream cohere;

    @BeforeAll
    static void startFakes() throws Exception {
        openai = FakeUpstream.start();
        anthropic = FakeUpstream.start();
        gemini = FakeUpstream.start();
        azure = FakeUpstream.start();
        cohere = FakeUpstream.start();
    }

    @AfterAll
    static void stopFakes() throws Exception {
        for (FakeUpstream f : List.of(openai, anthropic, gemini, azure, cohere)) {
            f.close();
        }
    }

    @BeforeEach
    void setUp() {
        List.of(openai, anthropic, gemini, azure, cohere).forEach(FakeUpstream::reset);
        answerNatively();
    }

    /** Headers that send the request to {@code provider}'s fake. */
    private static String[] headersFor(String provider, String... extra) {
        List<String> h = new ArrayList<>(List.of("x-portkey-provider", provider));
        switch (provider) {
            case "openai" -> h.addAll(List.of("x-portkey-custom-host", openai.baseUrl() + "/v1", "Authorization", "Bearer sk-openai"));
            case "anthropic" -> h.addAll(List.of("x-portkey-custom-host", anthropic.baseUrl() + "/v1", "Authorization", "Bearer sk-ant"));
            case "google" -> h.addAll(List.of("x-portkey-custom-host", gemini.baseUrl(), "Authorization", "Bearer g-key"));
            case "azure-openai" -> h.addAll(List.of("x-portkey-custom-host", azure.baseUrl() + "/openai", "Authorization", "Bearer az-key",
                    "x-portkey-azure-deployment-id", "dep-1", "x-portkey-azure-api-version", "2024-10-21"));
            case "cohere" -> h.addAll(List.of("x-portkey-custom-host", cohere.baseUrl(), "Authorization", "Bearer co-key"));
            default -> throw new IllegalArgumentException(provider);
        }
        h.addAll(List.of(extra));
        return h.toArray(String[]::new);
    }

    /** Every fake answers the shared request in its own API: "Let me check." and a get_weather call for Paris. */
    private static void answerNatively() {
        openai.on("POST", "/v1/chat/completions", NativeAnswers.openAiChat());
        azure.on("POST", "/openai/deployments/dep-1/chat/completions", NativeAnswers.openAiChat());
        anthropic.on("POST", "/v1/messages", NativeAnswers.anthropicMessages());
        gemini.on("POST", "/v1beta/models/m-1:generateContent", NativeAnswers.geminiGenerate());
        gemini.on("POST", "/v1beta/models/m-1:streamGenerateContent", NativeAnswers.geminiStream());
        cohere.on("POST", "/v2/chat", NativeAnswers.cohereChat());
    }

    private static void namedEvent(FakeUpstream.Exchange ex, String name, String data) throws java.io.IOException {
        NativeAnswers.namedEvent(ex, name, data);
    }

    private HttpResponse<InputStream> streamChat(String provider) throws Exception {
        return gateway.stream(gateway.request("/v1/chat/completions").POST(HttpRequest.BodyPublishers.ofString(STREAM))
                .header("Content-Type", "application/json").headers(headersFor(provider)).build());
    }

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    // ---------------------------------------------------------------------------------------------------------
    // One request, five providers

    @Test
    void theSameRequestGivesTheSameOpenAiAnswerFromEveryProvider() throws Exception {
        Map<String, JsonObject> answers = new LinkedHashMap<>();
        for (String provider : PROVIDERS) {
            HttpResponse<String> res = gateway.postJson("/v1/chat/completions", CHAT, headersFor(provider));
            assertEquals(200, res.statusCode(), provider + ": " + res.body());
            assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("application/json"), provider);
            assertEquals(provider, res.headers().firstValue("x-portkey-provider").orElseThrow());
            JsonObject answer = json(res.body());
            if (!provider.equals("openai") && !provider.equals("azure-openai")) {
                assertEquals(provider, answer.getString("provider"), "translated answers name their provider");
            }
            answers.put(provider, withoutProviderSpecifics(answer));
        }
        JsonObject expected = answers.get("openai");
        assertEquals("Let me check.", expected.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
        answers.forEach((provider, answer) -> assertEquals(expected, answer, provider + " answers like OpenAI"));
    }

    @Test
    void eachProviderReceivesItsOwnApiWithItsOwnAuth() throws Exception {
        for (String provider : PROVIDERS) {
            assertEquals(200, gateway.postJson("/v1/chat/completions", CHAT, headersFor(provider)).statusCode(), provider);
        }
        RecordedRequest toAnthropic = anthropic.takeRequest(1000);
        assertEquals("/v1/messages", toAnthropic.path());
        assertEquals("sk-ant", toAnthropic.header("x-api-key"));
        assertEquals("2023-06-01", toAnthropic.header("anthropic-version"));
        assertNull(toAnthropic.header("authorization"));
        JsonObject anthropicBody = json(toAnthropic.bodyText());
        assertEquals("Be brief.", anthropicBody.getString("system"));
        assertEquals(200, anthropicBody.getInt("max_tokens"));
        assertEquals("get_weather", anthropicBody.getJsonArray("tools").getJsonObject(0).getString("name"));
        assertTrue(anthropicBody.getJsonArray("tools").getJsonObject(0).containsKey("input_schema"));

        RecordedRequest toGemini = gemini.takeRequest(1000);
        assertEquals("/v1beta/models/m-1:generateContent", toGemini.path());
        assertNull(toGemini.rawQuery(), "the key never goes in the query string");
        assertEquals("g-key", toGemini.header("x-goog-api-key"));
        JsonObject geminiBody = json(toGemini.bodyText());
        assertEquals("Be brief.", geminiBody.getJsonObject("systemInstruction").getJsonArray("parts").getJsonObject(0).getString("text"));
        assertEquals(200, geminiBody.getJsonObject("generationConfig").getInt("maxOutputTokens"));
        assertEquals("get_weather", geminiBody.getJsonArray("tools").getJsonObject(0).getJsonArray("functionDeclarations")
                .getJsonObject(0).getString("name"));

        RecordedRequest toAzure = azure.takeRequest(1000);
        assertEquals("/openai/deployments/dep-1/chat/completions", toAzure.path());
        assertEquals("api-version=2024-10-21", toAzure.rawQuery());
        assertEquals("az-key", toAzure.header("api-key"));
        assertNull(toAzure.header("authorization"));
        assertEquals(CHAT, toAzure.bodyText(), "Azure gets the client's bytes");

        RecordedRequest toCohere = cohere.takeRequest(1000);
        assertEquals("/v2/chat", toCohere.path());
        assertEquals("Bearer co-key", toCohere.header("authorization"));
        JsonObject cohereBody = json(toCohere.bodyText());
        assertEquals("system", cohereBody.getJsonArray("messages").getJsonObject(0).getString("role"));
        assertEquals("get_weather", cohereBody.getJsonArray("tools").getJsonObject(0).getJsonObject("function").getString("name"));

        for (RecordedRequest r : List.of(toAnthropic, toGemini, toAzure, toCohere)) {
            assertEquals("application/json", r.header("content-type"));
            r.headers().keySet().forEach(name -> assertFalse(name.startsWith("x-portkey-"), "leaked " + name));
        }
    }

    @Test
    void theSameStreamingRequestGivesTheSameOpenAiStreamFromEveryProvider() throws Exception {
        Map<String, StreamedAnswer> answers = new LinkedHashMap<>();
        for (String provider : PROVIDERS) {
            HttpResponse<InputStream> res = streamChat(provider);
            assertEquals(200, res.statusCode(), provider);
            assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"), provider + " is an event stream");
            answers.put(provider, StreamedAnswer.read(GatewayClient.dataLines(res.body()), provider));
        }
        RecordedRequest toGemini = gemini.takeRequest(1000);
        assertEquals("/v1beta/models/m-1:streamGenerateContent", toGemini.path());
        assertEquals("alt=sse", toGemini.rawQuery());
        StreamedAnswer expected = answers.get("openai");
        assertEquals("Let me check.", expected.content());
        answers.forEach((provider, answer) -> assertEquals(expected, answer, provider + " streams like OpenAI"));
    }

    /** What a client accumulates from a stream, having checked the stream's shape on the way. */
    record StreamedAnswer(String content, List<String> toolCalls, String finishReason, JsonObject usage) {
        static StreamedAnswer read(List<String> data, String provider) {
            assertEquals("[DONE]", data.get(data.size() - 1), provider + " ends with [DONE]");
            StringBuilder content = new StringBuilder();
            Map<Integer, String[]> calls = new LinkedHashMap<>();
            String finish = null;
            JsonObject usage = null;
            for (int i = 0; i < data.size() - 1; i++) {
                JsonObject chunk = json(data.get(i));
                assertEquals("chat.completion.chunk", chunk.getString("object"), provider);
                JsonArray choices = chunk.getJsonArray("choices");
                if (choices.isEmpty()) {
                    usage = chunk.getJsonObject("usage");
                    assertEquals(data.size() - 2, i, provider + ": the usage chunk is the last before [DONE]");
                    continue;
                }
                JsonObject choice = choices.getJsonObject(0);
                JsonObject delta = choice.getJsonObject("delta");
                if (i == 0) {
                    assertEquals("assistant", delta.getString("role"), provider + ": the first chunk carries the role");
                }
                if (delta.containsKey("content") && delta.get("content").getValueType() == JsonValue.ValueType.STRING) {
                    content.append(delta.getString("content"));
                }
                for (JsonValue v : delta.getJsonArray("tool_calls") == null ? JsonValue.EMPTY_JSON_ARRAY : delta.getJsonArray("tool_calls")) {
                    JsonObject call = v.asJsonObject();
                    String[] acc = calls.computeIfAbsent(call.getInt("index"), k -> new String[] {null, ""});
                    if (call.containsKey("id")) {
                        acc[0] = call.getJsonObject("function").getString("name");
                    }
                    acc[1] += call.getJsonObject("function").getString("arguments", "");
                }
                if (!choice.isNull("finish_reason")) {
                    assertNull(finish, provider + ": one finish reason");
                    finish = choice.getString("finish_reason");
                }
            }
            List<String> toolCalls = new ArrayList<>();
            calls.forEach((index, acc) -> toolCalls.add(index + ":" + acc[0] + ":" + json(acc[1])));
            assertNotNull(usage, provider + " sends the usage chunk asked for");
            return new StreamedAnswer(content.toString(), toolCalls, finish, usage);
        }
    }

    /** What legitimately differs between providers: ids, timestamps, the provider field. */
    private static JsonObject withoutProviderSpecifics(JsonObject answer) {
        JsonObjectBuilder out = Json.createObjectBuilder(answer).remove("id").remove("created").remove("provider");
        JsonObject message = answer.getJsonArray("choices").getJsonObject(0).getJsonObject("message");
        JsonObjectBuilder m = Json.createObjectBuilder(message);
        if (message.containsKey("tool_calls")) {
            var calls = Json.createArrayBuilder();
            message.getJsonArray("tool_calls").forEach(c -> calls.add(Json.createObjectBuilder(c.asJsonObject()).remove("id")));
            m.add("tool_calls", calls);
        }
        JsonObject choice = Json.createObjectBuilder(answer.getJsonArray("choices").getJsonObject(0)).add("message", m).build();
        return out.add("choices", Json.createArrayBuilder().add(choice)).build();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Errors, refusals, embeddings

    @Test
    void providerErrorsBecomeOpenAiErrorsWithTheirStatusAndHeaders() throws Exception {
        anthropic.on("POST", "/v1/messages", (req, ex) -> ex.respond(529, Map.of("Content-Type", "application/json",
                "request-id", "req_011CSHoEeqs5C35K2UUqR7Fy", "retry-after", "7"),
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions", CHAT, headersFor("anthropic"));
        assertEquals(529, res.statusCode());
        assertEquals("req_011CSHoEeqs5C35K2UUqR7Fy", res.headers().firstValue("request-id").orElseThrow());
        assertEquals("7", res.headers().firstValue("retry-after").orElseThrow());
        assertEquals(json("{\"error\":{\"message\":\"anthropic error: Overloaded\",\"type\":\"overloaded_error\",\"param\":null,\"code\":null},"
                + "\"provider\":\"anthropic\"}"), json(res.body()));

        azure.on("POST", "/openai/deployments/dep-1/chat/completions", (req, ex) -> ex.respond(404,
                Map.of("Content-Type", "application/json", "apim-request-id", "a1"),
                "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this resource does not exist.\"}}"
                        .getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> fromAzure = gateway.postJson("/v1/chat/completions", CHAT, headersFor("azure-openai"));
        assertEquals(404, fromAzure.statusCode());
        assertEquals("a1", fromAzure.headers().firstValue("apim-request-id").orElseThrow());
        assertEquals(json("{\"error\":{\"message\":\"azure-openai error: The API deployment for this resource does not exist.\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"DeploymentNotFound\"},\"provider\":\"azure-openai\"}"),
                json(fromAzure.body()));

        cohere.on("POST", "/v2/chat", (req, ex) -> ex.respond(502, Map.of("Content-Type", "text/html"),
                "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> html = gateway.postJson("/v1/chat/completions", CHAT, headersFor("cohere"));
        assertEquals(502, html.statusCode());
        assertTrue(html.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertEquals("cohere error: <html>Bad Gateway</html>", json(html.body()).getJsonObject("error").getString("message"));
    }

    @Test
    void anErrorEventMidStreamEndsTheStreamWithAnErrorAndNoDone() throws Exception {
        anthropic.on("POST", "/v1/messages", (req, ex) -> {
            ex.beginEvents();
            namedEvent(ex, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_e\",\"model\":\"m-1\",\"usage\":{\"input_tokens\":1}}}");
            namedEvent(ex, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
            namedEvent(ex, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Once\"}}");
            namedEvent(ex, "error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
            ex.end();
        });
        HttpResponse<InputStream> res = streamChat("anthropic");
        List<String> data = GatewayClient.dataLines(res.body());
        assertEquals(3, data.size(), data.toString());
        assertEquals("Once", json(data.get(1)).getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("content"));
        JsonObject error = json(data.get(2));
        assertEquals("anthropic error: Overloaded", error.getJsonObject("error").getString("message"));
        assertEquals("anthropic", error.getString("provider"));
        assertFalse(data.contains("[DONE]"));
    }

    @Test
    void anUpstreamThatBreaksMidStreamEndsWithStreamInterrupted() throws Exception {
        cohere.on("POST", "/v2/chat", (req, ex) -> {
            ex.beginEvents();
            namedEvent(ex, "message-start", "{\"id\":\"co-2\",\"type\":\"message-start\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}");
            namedEvent(ex, "content-delta", "{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"Half\"}}}}");
            ex.reset();
        });
        HttpResponse<InputStream> res = streamChat("cohere");
        List<String> data = GatewayClient.dataLines(res.body());
        JsonObject last = json(data.get(data.size() - 1));
        assertEquals("stream_interrupted", last.getJsonObject("error").getString("code"));
        assertFalse(data.contains("[DONE]"));
    }

    /**
     * A custom host replaces exactly Portkey's base for the provider — Google's has no version, Azure's ends in
     * {@code /openai}, Cohere's has no version — so a migrated config reaches the same URL, on chat and embeddings.
     */
    @Test
    void aCustomHostReplacesExactlyPortkeysBase() throws Exception {
        String ok = "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[]}";
        gemini.on("POST", "/p/v1beta/models/m-1:generateContent", NativeAnswers.geminiGenerate());
        gemini.on("POST", "/p/v1beta/models/text-embedding-004:embedContent", (req, ex) -> ex.json(200, "{\"embedding\":{\"values\":[0.5]}}"));
        azure.on("POST", "/p/deployments/dep-1/chat/completions", (req, ex) -> ex.json(200, ok));
        azure.on("POST", "/p/deployments/dep-1/embeddings", (req, ex) -> ex.json(200, "{\"object\":\"list\",\"data\":[]}"));
        cohere.on("POST", "/p/v2/chat", NativeAnswers.cohereChat());
        String[] azureHeaders = {"x-portkey-provider", "azure-openai", "x-portkey-custom-host", azure.baseUrl() + "/p",
            "Authorization", "Bearer az-key", "x-portkey-azure-deployment-id", "dep-1", "x-portkey-azure-api-version", "2024-10-21"};

        assertEquals(200, gateway.postJson("/v1/chat/completions", CHAT, "x-portkey-provider", "google",
                "x-portkey-custom-host", gemini.baseUrl() + "/p", "Authorization", "Bearer g-key").statusCode());
        assertEquals(200, gateway.postJson("/v1/embeddings", "{\"model\":\"text-embedding-004\",\"input\":\"a\"}", "x-portkey-provider", "google",
                "x-portkey-config", "{\"provider\":\"google\",\"api_key\":\"g\",\"custom_host\":\"" + gemini.baseUrl() + "/p/\"}").statusCode());
        assertEquals(200, gateway.postJson("/v1/chat/completions", CHAT, azureHeaders).statusCode());
        assertEquals(200, gateway.postJson("/v1/embeddings", "{\"model\":\"e\",\"input\":\"a\"}", azureHeaders).statusCode());
        assertEquals(200, gateway.postJson("/v1/chat/completions", CHAT, "x-portkey-provider", "cohere",
                "x-portkey-custom-host", cohere.baseUrl() + "/p", "Authorization", "Bearer co-key").statusCode());

        assertEquals(List.of("/p/v1beta/models/m-1:generateContent", "/p/v1beta/models/text-embedding-004:embedContent"),
                gemini.requests().stream().map(RecordedRequest::path).toList());
        assertEquals(List.of("/p/deployments/dep-1/chat/completions", "/p/deployments/dep-1/embeddings"),
                azure.requests().stream().map(RecordedRequest::path).toList());
        assertEquals(List.of("api-version=2024-10-21", "api-version=2024-10-21"),
                azure.requests().stream().map(RecordedRequest::rawQuery).toList());
        assertEquals(List.of("/p/v2/chat"), cohere.requests().stream().map(RecordedRequest::path).toList());
    }

    /** Any Gemini model name reaches Gemini, percent-encoded as one path segment: it cannot change the URL's structure. */
    @Test
    void aGeminiModelNameIsEncodedIntoThePathNotRefused() throws Exception {
        for (String path : List.of("gemini-2.0-flash%2Bexp", "tuned%2F..%2F..%2Ffiles", "%2E%2E")) {
            gemini.on("POST", "/v1beta/models/" + path + ":generateContent", NativeAnswers.geminiGenerate());
        }
        for (String model : List.of("gemini-2.0-flash+exp", "tuned/../../files", "..")) {
            HttpResponse<String> res = gateway.postJson("/v1/chat/completions", CHAT.replace("\"m-1\"", Json.createValue(model).toString()),
                    headersFor("google"));
            assertEquals(200, res.statusCode(), model + ": " + res.body());
        }
        assertEquals(List.of("/v1beta/models/gemini-2.0-flash%2Bexp:generateContent",
                        "/v1beta/models/tuned%2F..%2F..%2Ffiles:generateContent", "/v1beta/models/%2E%2E:generateContent"),
                gemini.requests().stream().map(RecordedRequest::path).toList());
    }

    @Test
    void embeddingsAreTranslatedForGeminiAndCohere() throws Exception {
        gemini.on("POST", "/v1beta/models/text-embedding-004:embedContent", (req, ex) ->
                ex.json(200, "{\"embedding\":{\"values\":[0.5,-0.25]}}"));
        gemini.on("POST", "/v1beta/models/text-embedding-004:batchEmbedContents", (req, ex) ->
                ex.json(200, "{\"embeddings\":[{\"values\":[0.5,-0.25]},{\"values\":[1.0,2.0]}]}"));
        cohere.on("POST", "/v2/embed", (req, ex) -> ex.json(200, "{\"id\":\"e\",\"embeddings\":{\"float\":[[0.5,-0.25],[1.0,2.0]]},"
                + "\"meta\":{\"billed_units\":{\"input_tokens\":4}},\"response_type\":\"embeddings_by_type\"}"));

        HttpResponse<String> single = gateway.postJson("/v1/embeddings", "{\"model\":\"text-embedding-004\",\"input\":\"a\"}", headersFor("google"));
        assertEquals(200, single.statusCode(), single.body());
        assertEquals(-0.25, json(single.body()).getJsonArray("data").getJsonObject(0).getJsonArray("embedding").getJsonNumber(1).doubleValue());
        HttpResponse<String> batch = gateway.postJson("/v1/embeddings", "{\"model\":\"text-embedding-004\",\"input\":[\"a\",\"b\"]}", headersFor("google"));
        assertEquals(2, json(batch.body()).getJsonArray("data").size());
        assertEquals(List.of("/v1beta/models/text-embedding-004:embedContent", "/v1beta/models/text-embedding-004:batchEmbedContents"),
                gemini.requests().stream().map(RecordedRequest::path).toList());

        HttpResponse<String> co = gateway.postJson("/v1/embeddings", "{\"model\":\"embed-v4.0\",\"input\":[\"a\",\"b\"]}", headersFor("cohere"));
        JsonObject answer = json(co.body());
        assertEquals("list", answer.getString("object"));
        assertEquals("cohere", answer.getString("provider"));
        assertEquals(4, answer.getJsonObject("usage").getInt("prompt_tokens"));
        JsonObject sent = json(cohere.takeRequest(1000).bodyText());
        assertEquals("search_document", sent.getString("input_type"));
        assertEquals("float", sent.getJsonArray("embedding_types").getString(0));
    }

    @Test
    void refusedRequestsNeverReachAProvider() throws Exception {
        assertError(gateway.postJson("/v1/embeddings", "{\"model\":\"m\",\"input\":\"x\"}", headersFor("anthropic")), 400, "unsupported_capability");
        assertError(gateway.postJson("/v1/completions", "{\"model\":\"m\",\"prompt\":\"x\"}", headersFor("google")), 400, "unsupported_capability");
        assertError(gateway.postJson("/v1/chat/completions", "{\"model\":\"m-1\"}", headersFor("anthropic")), 400, "invalid_body");
        assertError(gateway.postJson("/v1/chat/completions", "{\"model\":\"models/\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                headersFor("google")), 400, "invalid_model");
        assertError(gateway.postJson("/v1/chat/completions", CHAT, "x-portkey-provider", "azure-openai", "Authorization", "Bearer k",
                "x-portkey-azure-resource-name", "evil.com/x#", "x-portkey-azure-deployment-id", "d", "x-portkey-azure-api-version", "v1"),
                400, "invalid_provider_options");
        assertError(gateway.postJson("/v1/chat/completions", CHAT, "x-portkey-provider", "azure-openai", "Authorization", "Bearer k"),
                400, "missing_provider_options");
        for (FakeUpstream f : List.of(openai, anthropic, gemini, azure, cohere)) {
            assertEquals(0, f.requests().size(), "nothing refused may reach a provider");
        }
    }

    @Test
    void azureOptionsComeFromConfigFieldsToo() throws Exception {
        azure.on("POST", "/openai/v1/chat/completions", (req, ex) -> ex.json(200, "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[]}"));
        String config = "{\"provider\":\"azure-openai\",\"api_key\":\"cfg-key\",\"custom_host\":\"" + azure.baseUrl()
                + "/openai\",\"resource_name\":\"ignored-with-custom-host\",\"api_version\":\"v1\",\"azure_ad_token\":\"entra-token\"}";
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions", CHAT, "x-portkey-config", config);
        assertEquals(200, res.statusCode(), res.body());
        RecordedRequest got = azure.takeRequest(1000);
        assertEquals("/openai/v1/chat/completions", got.path());
        assertNull(got.rawQuery());
        assertEquals("Bearer entra-token", got.header("authorization"), "an Entra token replaces the key");
        assertNull(got.header("api-key"));
    }

    @Test
    void anUnreadableSuccessfulAnswerIsA502() throws Exception {
        gemini.on("POST", "/v1beta/models/m-1:generateContent", (req, ex) -> ex.json(200, "not json"));
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions", CHAT, headersFor("google"));
        assertEquals(502, res.statusCode());
        assertEquals("invalid_upstream_response", json(res.body()).getJsonObject("error").getString("code"));
    }

    @Test
    void theClientsAnthropicHeadersPassThrough() throws Exception {
        gateway.postJson("/v1/chat/completions", CHAT, headersFor("anthropic", "anthropic-version", "2024-10-22",
                "anthropic-beta", "prompt-caching-2024-07-31"));
        RecordedRequest got = anthropic.takeRequest(1000);
        assertEquals(List.of("2024-10-22"), got.headers().get("anthropic-version"));
        assertEquals("prompt-caching-2024-07-31", got.header("anthropic-beta"));
    }

    private static void assertError(HttpResponse<String> res, int status, String code) {
        assertEquals(status, res.statusCode(), res.body());
        assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        assertEquals(code, json(res.body()).getJsonObject("error").getString("code"), res.body());
    }
}
