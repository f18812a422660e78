package io.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
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
 * The response cache on a real Payara Micro: a repeat is answered without the upstream (the fakes record
 * every call), streams replay in each client format, errors and broken streams are never kept, tenants
 * (gateway keys) never share, {@code max_age} is in seconds, and semantic mode answers a near-duplicate prompt
 * with the built-in embedding model. Each test asks its own question, so tests never see each other's answers.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CacheIT {
    static final String KEY_A = "gh-cache-tenant-a";
    static final String KEY_B = "gh-cache-tenant-b";
    static final String METERED_KEY = "gh-cache-metered";
    static final String STATUS = "x-portkey-cache-status";

    static final FakeUpstream OPENAI = FakeUpstream.started();
    static final FakeUpstream ANTHROPIC = FakeUpstream.started();
    static final ServerConfigDir CONFIG = new ServerConfigDir("it-cache-config");

    @ArquillianResource
    URL deployed;

    GatewayClient gateway;

    @Deployment(testable = false)
    static WebArchive war() {
        CONFIG.write("secrets/openai", "sk-openai-cache\n")
                .write("secrets/anthropic", "sk-ant-cache\n")
                .write("catalog.json", """
                        {"entries": [
                          {"slug": "openai-c", "provider": "openai", "custom_host": "%s/v1", "keys": [{"file": "secrets/openai"}]},
                          {"slug": "anthropic-c", "provider": "anthropic", "custom_host": "%s/v1", "keys": [{"file": "secrets/anthropic"}]}
                        ]}""".formatted(OPENAI.baseUrl(), ANTHROPIC.baseUrl()))
                .write("gateway-keys.json", """
                        {"keys": [
                          {"name": "tenant-a", "sha256": "%s", "entries": ["*"]},
                          {"name": "tenant-b", "sha256": "%s", "entries": ["*"]},
                          {"name": "metered", "sha256": "%s", "entries": ["*"], "limits": {"tokens": 40, "window_seconds": 3600}}
                        ]}""".formatted(CatalogIT.sha256(KEY_A), CatalogIT.sha256(KEY_B), CatalogIT.sha256(METERED_KEY)));
        return CONFIG.deployment();
    }

    @AfterAll
    static void stopFakes() throws IOException {
        OPENAI.close();
        ANTHROPIC.close();
    }

    @BeforeEach
    void setUp() {
        // Also the hook arquillian-junit5 needs to inject @ArquillianResource fields.
        OPENAI.reset();
        ANTHROPIC.reset();
        gateway = new GatewayClient(deployed);
        OPENAI.on("POST", "/v1/chat/completions", NativeAnswers.openAiChat());
        ANTHROPIC.on("POST", "/v1/messages", NativeAnswers.anthropicMessages());
    }

    @Test
    void aRepeatIsAHitAnsweredWithoutCallingTheUpstream() throws Exception {
        String body = chat("@openai-c/m-1", "Weather in Paris?");
        HttpResponse<String> first = post("/v1/chat/completions", body, KEY_A, "x-portkey-cache", "simple");
        assertEquals(200, first.statusCode());
        assertEquals("MISS", first.headers().firstValue(STATUS).orElse(null));
        assertEquals(1, OPENAI.requests().size());
        assertEquals("Bearer sk-openai-cache", OPENAI.requests().get(0).header("authorization"));
        assertEquals(null, OPENAI.requests().get(0).header("x-portkey-cache"), "the cache header is the gateway's own");

        HttpResponse<String> second = post("/v1/chat/completions", body.replace(":", " : "), KEY_A, "x-portkey-cache", "simple");
        assertEquals(200, second.statusCode());
        assertEquals("HIT", second.headers().firstValue(STATUS).orElse(null));
        assertEquals(json(first.body()), json(second.body()));
        assertEquals(1, OPENAI.requests().size(), "a hit never calls the upstream");

        HttpResponse<String> uncached = post("/v1/chat/completions", body, KEY_A);
        assertEquals("DISABLED", uncached.headers().firstValue(STATUS).orElse(null));
        assertEquals(2, OPENAI.requests().size());
    }

    @Test
    void forceRefreshCallsTheUpstreamAndKeepsTheNewAnswer() throws Exception {
        AtomicInteger answers = new AtomicInteger();
        OPENAI.on("POST", "/v1/chat/completions", (req, ex) -> ex.json(200, completion("answer " + answers.incrementAndGet())));
        String body = chat("@openai-c/m-1", "Refresh me");
        assertEquals("answer 1", text(post("/v1/chat/completions", body, KEY_A, "x-portkey-cache", "simple")));
        HttpResponse<String> refreshed = post("/v1/chat/completions", body, KEY_A, "x-portkey-cache", "simple",
                "x-portkey-cache-force-refresh", "true");
        assertEquals("REFRESH", refreshed.headers().firstValue(STATUS).orElse(null));
        assertEquals("answer 2", text(refreshed));
        HttpResponse<String> hit = post("/v1/chat/completions", body, KEY_A, "x-portkey-cache", "simple");
        assertEquals("HIT", hit.headers().firstValue(STATUS).orElse(null));
        assertEquals("answer 2", text(hit));
        assertEquals(2, OPENAI.requests().size());
    }

    @Test
    void theConfigsMaxAgeIsInSeconds() throws Exception {
        String config = "{\"cache\":{\"mode\":\"simple\",\"max_age\":1}}";
        String body = chat("@openai-c/m-1", "Expire me");
        assertEquals("MISS", status(post("/v1/chat/completions", body, KEY_A, "x-portkey-config", config)));
        assertEquals("HIT", status(post("/v1/chat/completions", body, KEY_A, "x-portkey-config", config)));
        Thread.sleep(1600);
        assertEquals("MISS", status(post("/v1/chat/completions", body, KEY_A, "x-portkey-config", config)));
        assertEquals(2, OPENAI.requests().size());
    }

    @Test
    void twoTenantsNeverShareAnAnswer() throws Exception {
        String body = chat("@openai-c/m-1", "Tenant question");
        assertEquals("MISS", status(post("/v1/chat/completions", body, KEY_A, "x-portkey-cache", "simple")));
        assertEquals("MISS", status(post("/v1/chat/completions", body, KEY_B, "x-portkey-cache", "simple")));
        assertEquals("HIT", status(post("/v1/chat/completions", body, KEY_A, "x-portkey-cache", "simple")));
        assertEquals("HIT", status(post("/v1/chat/completions", body, KEY_B, "x-portkey-cache", "simple")));
        assertEquals(2, OPENAI.requests().size());
    }

    @Test
    void errorsAndBrokenStreamsAreNeverKept() throws Exception {
        OPENAI.on("POST", "/v1/chat/completions", (req, ex) -> {
            if (req.bodyText().contains("\"stream\":true")) {
                ex.beginEvents();
                ex.event("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hal\"}}]}");
                ex.reset(); // cut off before [DONE]
            } else {
                ex.json(429, "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}");
            }
        });
        String body = chat("@openai-c/m-1", "Fail me");
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> refused = post("/v1/chat/completions", body, KEY_A, "x-portkey-cache", "simple");
            assertEquals(429, refused.statusCode());
            assertEquals("MISS", status(refused));
        }
        String stream = body.substring(0, body.length() - 1) + ",\"stream\":true}";
        for (int i = 0; i < 2; i++) {
            HttpResponse<InputStream> broken = stream("/v1/chat/completions", stream, KEY_A, "x-portkey-cache", "simple");
            assertEquals("MISS", broken.headers().firstValue(STATUS).orElse(null));
            List<String> data = GatewayClient.dataLines(broken.body());
            assertTrue(data.get(data.size() - 1).contains("stream_interrupted"), data.toString());
        }
        assertEquals(4, OPENAI.requests().size(), "nothing was answered from the cache");
    }

    @Test
    void aCachedChatStreamReplaysAsTheSameChunks() throws Exception {
        String body = "{\"model\":\"@openai-c/m-1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Stream chat\"}]}";
        HttpResponse<InputStream> first = stream("/v1/chat/completions", body, KEY_A, "x-portkey-cache", "simple");
        assertEquals("MISS", first.headers().firstValue(STATUS).orElse(null));
        List<String> live = GatewayClient.dataLines(first.body());
        HttpResponse<InputStream> second = stream("/v1/chat/completions", body, KEY_A, "x-portkey-cache", "simple");
        assertEquals("HIT", second.headers().firstValue(STATUS).orElse(null));
        assertTrue(second.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        List<String> replayed = GatewayClient.dataLines(second.body());
        assertEquals(live, replayed);
        assertEquals("[DONE]", replayed.get(replayed.size() - 1));
        assertTrue(replayed.stream().anyMatch(d -> d.contains("Let me check.")));
        assertEquals(1, OPENAI.requests().size());
    }

    @Test
    void aCachedMessagesStreamReplaysAsTheSameEvents() throws Exception {
        String body = "{\"model\":\"@anthropic-c/m-1\",\"max_tokens\":100,\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Stream messages\"}]}";
        HttpResponse<InputStream> first = stream("/v1/messages", body, KEY_A, "x-portkey-cache", "simple");
        assertEquals("MISS", first.headers().firstValue(STATUS).orElse(null));
        List<GatewayClient.Event> live = GatewayClient.events(first.body());
        HttpResponse<InputStream> second = stream("/v1/messages", body, KEY_A, "x-portkey-cache", "simple");
        assertEquals("HIT", second.headers().firstValue(STATUS).orElse(null));
        List<GatewayClient.Event> replayed = GatewayClient.events(second.body());
        assertEquals(live, replayed);
        assertEquals("message_stop", replayed.get(replayed.size() - 1).name());
        assertEquals(1, ANTHROPIC.requests().size());
    }

    @Test
    void aCachedStreamReplaysAsResponsesEventsToo() throws Exception {
        String body = "{\"model\":\"@anthropic-c/m-1\",\"stream\":true,\"input\":\"Stream responses\"}";
        HttpResponse<InputStream> first = stream("/v1/responses", body, KEY_A, "x-portkey-cache", "simple");
        assertEquals("MISS", first.headers().firstValue(STATUS).orElse(null));
        List<GatewayClient.Event> live = GatewayClient.events(first.body());
        HttpResponse<InputStream> second = stream("/v1/responses", body, KEY_A, "x-portkey-cache", "simple");
        assertEquals("HIT", second.headers().firstValue(STATUS).orElse(null));
        List<GatewayClient.Event> replayed = GatewayClient.events(second.body());
        assertEquals(live.stream().map(GatewayClient.Event::name).toList(), replayed.stream().map(GatewayClient.Event::name).toList());
        JsonObject response = FormatsIT.ResponsesStream.read(replayed, "anthropic");
        assertEquals("completed", response.getString("status"));
        assertEquals("Let me check.", response.getString("output_text"));
        assertEquals(1, ANTHROPIC.requests().size());
    }

    @Test
    void aStreamRequestIsAnsweredFromTheSameRequestsKeptJsonAnswerAsTheClientsStream() throws Exception {
        // Messages client, OpenAI provider: translated, so the kept JSON answer can be told as Messages events.
        String messages = "{\"model\":\"@openai-c/m-1\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Json first\"}]}";
        assertEquals("MISS", status(post("/v1/messages", messages, KEY_A, "x-portkey-cache", "simple")));
        HttpResponse<InputStream> streamed = stream("/v1/messages", messages.replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\""),
                KEY_A, "x-portkey-cache", "simple");
        assertEquals("HIT", streamed.headers().firstValue(STATUS).orElse(null));
        assertTrue(streamed.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        FormatsIT.AnthropicStream events = FormatsIT.AnthropicStream.read(GatewayClient.events(streamed.body()), "openai");
        assertEquals("Let me check.", events.text());
        assertEquals("get_weather", events.toolName());
        assertEquals(json("{\"city\":\"Paris\"}"), json(events.toolInput()));
        assertEquals("tool_use", events.stopReason());
        assertEquals(1, OPENAI.requests().size());

        // Chat client, Anthropic provider: chunks and [DONE].
        String chat = "{\"model\":\"@anthropic-c/m-1\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Json first\"}]}";
        assertEquals("MISS", status(post("/v1/chat/completions", chat, KEY_A, "x-portkey-cache", "simple")));
        HttpResponse<InputStream> chunks = stream("/v1/chat/completions", chat.replace("\"max_tokens\"", "\"stream\":true,\"max_tokens\""),
                KEY_A, "x-portkey-cache", "simple");
        assertEquals("HIT", chunks.headers().firstValue(STATUS).orElse(null));
        List<String> data = GatewayClient.dataLines(chunks.body());
        assertEquals("[DONE]", data.get(data.size() - 1));
        assertTrue(data.stream().anyMatch(d -> d.contains("Let me check.")), data.toString());
        assertTrue(data.stream().anyMatch(d -> d.contains("get_weather")), data.toString());
        assertEquals(1, ANTHROPIC.requests().size());
    }

    @Test
    void hitsAreChargedNoTokens() throws Exception {
        // The key may spend 40 tokens an hour; each upstream answer reports 30.
        String body = chat("@openai-c/m-1", "Metered question");
        assertEquals("MISS", status(post("/v1/chat/completions", body, METERED_KEY, "x-portkey-cache", "simple")));
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> hit = post("/v1/chat/completions", body, METERED_KEY, "x-portkey-cache", "simple");
            assertEquals(200, hit.statusCode(), "hit " + i + " spent nothing: " + hit.body());
            assertEquals("HIT", status(hit));
        }
        assertEquals(200, post("/v1/chat/completions", chat("@openai-c/m-1", "Another"), METERED_KEY).statusCode());
        assertEquals(429, post("/v1/chat/completions", chat("@openai-c/m-1", "One more"), METERED_KEY).statusCode(),
                "two upstream answers spent 60 of the 40 tokens");
        assertEquals(2, OPENAI.requests().size());
    }

    @Test
    void semanticModeAnswersANearDuplicateAndNotAnUnrelatedPrompt() throws Exception {
        String config = "{\"cache\":{\"mode\":\"semantic\"}}";
        HttpResponse<String> first = post("/v1/chat/completions", chat("@openai-c/m-1", "What is the capital of France?"), KEY_A,
                "x-portkey-config", config);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("SEMANTIC MISS", status(first));
        HttpResponse<String> near = post("/v1/chat/completions", chat("@openai-c/m-1", "what's the capital of France"), KEY_A,
                "x-portkey-config", config);
        assertEquals("SEMANTIC HIT", status(near));
        assertEquals(json(first.body()), json(near.body()));
        assertEquals(1, OPENAI.requests().size());

        assertEquals("SEMANTIC MISS", status(post("/v1/chat/completions", chat("@openai-c/m-1", "Write a haiku about databases"),
                KEY_A, "x-portkey-config", config)));
        assertEquals("SEMANTIC MISS", status(post("/v1/chat/completions", chat("@openai-c/m-1", "What is the capital of France?"),
                KEY_B, "x-portkey-config", config)), "another tenant");
        assertEquals(3, OPENAI.requests().size());
    }

    // --- helpers

    private HttpResponse<String> post(String path, String body, String key, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "x-portkey-api-key";
        all[1] = key;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return gateway.postJson(path, body, all);
    }

    private HttpResponse<InputStream> stream(String path, String body, String key, String... headers) throws Exception {
        HttpRequest.Builder b = gateway.request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("x-portkey-api-key", key);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return gateway.stream(b.build());
    }

    private static String chat(String model, String prompt) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt + "\"}]}";
    }

    private static String completion(String text) {
        return "{\"id\":\"chatcmpl-c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m-1\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":10,\"total_tokens\":30}}";
    }

    private static String status(HttpResponse<?> response) {
        return response.headers().firstValue(STATUS).orElse(null);
    }

    private static String text(HttpResponse<String> response) {
        return json(response.body()).getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
    }

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }
}
