package io.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.http.Header;
import io.gatehouse.provider.bedrock.AwsCredentials;
import io.gatehouse.provider.bedrock.SigV4Signer;
import io.gatehouse.testing.EventStreamFrames;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
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
 * AWS Bedrock through the catalog, against a fake Bedrock that checks what the real one checks: the SigV4
 * signature, recomputed from the request as received with the one key it knows (any other is refused, 403),
 * the paths and bodies of Converse, ConverseStream, InvokeModel and Rerank; it streams real event-stream
 * frames with their CRCs. Chat JSON and streams reach the client in all three formats (OpenAI chat,
 * Anthropic Messages, OpenAI Responses), tools and embeddings included, the seed's rerank example works,
 * and a failing Bedrock falls back to another provider, also when its stream fails before any content.
 * Unified rerank on the other providers that translate it or take Cohere's body (Voyage, Jina) is here too.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BedrockIT {
    static final AwsCredentials KNOWN_KEY = new AwsCredentials("AKIAGATEHOUSEIT", "it/secret+Key", "it-session-token");
    static final String HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String HAIKU_PATH = "/model/anthropic.claude-3-haiku-20240307-v1%3A0";
    static final String RERANK_ARN = "arn:aws:bedrock:us-east-1::foundation-model/cohere.rerank-v3-5:0";

    static final FakeUpstream BEDROCK = FakeUpstream.started();
    static final FakeUpstream OPENAI = FakeUpstream.started();
    /** Jina and Voyage, for rerank across providers. */
    static final FakeUpstream RERANKER = FakeUpstream.started();
    static final ServerConfigDir CONFIG = new ServerConfigDir("it-bedrock-config");

    @ArquillianResource
    URL deployed;

    GatewayClient gateway;

    @Deployment(testable = false)
    static WebArchive war() {
        CONFIG.write("secrets/aws", KNOWN_KEY.accessKeyId() + ":" + KNOWN_KEY.secretAccessKey() + ":" + KNOWN_KEY.sessionToken() + "\n")
                .write("secrets/aws-wrong", KNOWN_KEY.accessKeyId() + ":not-the-secret\n")
                .write("secrets/openai", "sk-backup\n")
                .write("gateway-keys.json", "{\"keys\": []}")
                .write("catalog.json", """
                        {"entries": [
                          {"slug": "bedrock-prod", "provider": "bedrock", "custom_host": "%1$s",
                           "keys": [{"file": "secrets/aws"}], "provider_options": {"aws_region": "us-west-2"}},
                          {"slug": "bedrock-wrong-key", "provider": "bedrock", "custom_host": "%1$s",
                           "keys": [{"file": "secrets/aws-wrong"}], "provider_options": {"aws_region": "us-west-2"}},
                          {"slug": "openai-backup", "provider": "openai", "custom_host": "%2$s/v1", "keys": [{"file": "secrets/openai"}]}
                        ]}""".formatted(BEDROCK.baseUrl(), OPENAI.baseUrl()));
        return CONFIG.deployment();
    }

    @AfterAll
    static void stopFakes() throws Exception {
        BEDROCK.close();
        OPENAI.close();
        RERANKER.close();
    }

    @BeforeEach
    void setUp() {
        BEDROCK.reset();
        OPENAI.reset();
        RERANKER.reset();
        gateway = new GatewayClient(deployed);
        OPENAI.on("POST", "/v1/chat/completions", (req, ex) -> ex.json(200, """
                {"id":"chatcmpl-backup","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,
                 "message":{"role":"assistant","content":"from openai"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":3,"completion_tokens":2,"total_tokens":5}}"""));
    }

    // --- the fake Bedrock ---------------------------------------------------------------------------------

    /** Answers {@code answer} when the request's signature is the known key's; 403 as AWS words it otherwise. */
    private static FakeUpstream.Responder signed(FakeUpstream.Responder answer) {
        return (req, ex) -> {
            if (!signatureValid(req)) {
                ex.respond(403, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "InvalidSignatureException"),
                        ("{\"message\":\"The request signature we calculated does not match the signature you provided. "
                                + "Check your AWS Secret Access Key and signing method.\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            answer.respond(req, ex);
        };
    }

    /** Recomputes the signature from what arrived: the signed headers it names, the path as sent, the body's bytes. */
    static boolean signatureValid(RecordedRequest req) {
        String authorization = req.header("authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=" + KNOWN_KEY.accessKeyId() + "/")) {
            return false;
        }
        String scope = authorization.substring(authorization.indexOf('=') + 1, authorization.indexOf(','));
        String[] parts = scope.split("/"); // key / date / region / service / aws4_request
        String signedHeaders = authorization.substring(authorization.indexOf("SignedHeaders=") + 14, authorization.indexOf(", Signature="));
        List<Header> headers = new ArrayList<>();
        for (String name : signedHeaders.split(";")) {
            if (req.header(name) == null) {
                return false;
            }
            headers.add(new Header(name, req.header(name)));
        }
        if (!signedHeaders.contains("x-amz-security-token") || !"bedrock".equals(parts[3])) {
            return false;
        }
        String expected = SigV4Signer.sign(req.method(), req.path(), req.rawQuery(), headers, req.body(), KNOWN_KEY, parts[2], parts[3],
                req.header("x-amz-date")).authorization();
        return expected.equals(authorization);
    }

    private static final String CONVERSE_TEXT = """
            {"output":{"message":{"role":"assistant","content":[{"text":"Hello from Bedrock"}]}},"stopReason":"end_turn",
             "usage":{"inputTokens":11,"outputTokens":4,"totalTokens":15},"metrics":{"latencyMs":120}}""";

    /** A ConverseStream answer in event-stream frames, sent in pieces that cut frames apart. */
    private static FakeUpstream.Responder converseStream(byte[]... frames) {
        return signed((req, ex) -> {
            ex.begin(200, Map.of("Content-Type", "application/vnd.amazon.eventstream", "x-amzn-RequestId", "req-stream-1"));
            byte[] body = EventStreamFrames.concat(frames);
            int piece = 37; // never a frame boundary
            for (int i = 0; i < body.length; i += piece) {
                ex.chunk(java.util.Arrays.copyOfRange(body, i, Math.min(body.length, i + piece)));
            }
            ex.end();
        });
    }

    private static final byte[][] TEXT_STREAM = {
        EventStreamFrames.event("messageStart", "{\"p\":\"abc\",\"role\":\"assistant\"}"),
        EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hello\"},\"p\":\"ab\"}"),
        EventStreamFrames.event("contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" from Bedrock ✓\"}}"),
        EventStreamFrames.event("contentBlockStop", "{\"contentBlockIndex\":0}"),
        EventStreamFrames.event("messageStop", "{\"stopReason\":\"end_turn\"}"),
        EventStreamFrames.event("metadata", "{\"usage\":{\"inputTokens\":11,\"outputTokens\":5,\"totalTokens\":16},\"metrics\":{\"latencyMs\":90}}"),
    };

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    private HttpResponse<InputStream> stream(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = gateway.request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        return gateway.stream((headers.length == 0 ? request : request.headers(headers)).build());
    }

    // --- chat ---------------------------------------------------------------------------------------------

    @Test
    void chatGoesToConverseSignedWithTheCatalogKeyAndComesBackInOpenAisShape() throws Exception {
        BEDROCK.on("POST", HAIKU_PATH + "/converse", signed((req, ex) -> ex.json(200, CONVERSE_TEXT)));
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions", """
                {"model":"@bedrock-prod/anthropic.claude-3-haiku-20240307-v1:0","max_tokens":50,
                 "messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"Hi"}]}""");

        assertEquals(200, res.statusCode(), res.body());
        JsonObject answer = json(res.body());
        assertEquals("Hello from Bedrock", answer.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
        assertEquals("stop", answer.getJsonArray("choices").getJsonObject(0).getString("finish_reason"));
        assertEquals(15, answer.getJsonObject("usage").getInt("total_tokens"));
        assertEquals(HAIKU, answer.getString("model"));
        assertEquals("bedrock", res.headers().firstValue("x-portkey-provider").orElseThrow());

        RecordedRequest got = BEDROCK.takeRequest(1000);
        assertTrue(signatureValid(got), "signed with the catalog's key");
        assertTrue(got.header("authorization").contains("/us-west-2/bedrock/aws4_request"), "the entry's region");
        assertEquals(KNOWN_KEY.sessionToken(), got.header("x-amz-security-token"));
        assertEquals(json("""
                {"messages":[{"role":"user","content":[{"text":"Hi"}]}],"system":[{"text":"Be brief."}],
                 "inferenceConfig":{"maxTokens":50}}"""), json(got.bodyText()));
    }

    @Test
    void withoutACatalogTheClientsOwnAccessKeyFromPortkeysHeadersSigns() throws Exception {
        BEDROCK.on("POST", HAIKU_PATH + "/converse", signed((req, ex) -> ex.json(200, CONVERSE_TEXT)));
        String chat = "{\"model\":\"" + HAIKU + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions", chat, "x-portkey-provider", "bedrock",
                "x-portkey-custom-host", BEDROCK.baseUrl(), "x-portkey-aws-region", "eu-central-1",
                "x-portkey-aws-access-key-id", KNOWN_KEY.accessKeyId(), "x-portkey-aws-secret-access-key", KNOWN_KEY.secretAccessKey(),
                "x-portkey-aws-session-token", KNOWN_KEY.sessionToken());

        assertEquals(200, res.statusCode(), res.body());
        RecordedRequest got = BEDROCK.takeRequest(1000);
        assertTrue(signatureValid(got));
        assertTrue(got.header("authorization").contains("/eu-central-1/bedrock/aws4_request"));
        assertNull(got.header("x-portkey-aws-secret-access-key"), "gateway headers never go upstream");

        HttpResponse<String> none = gateway.postJson("/v1/chat/completions", chat, "x-portkey-provider", "bedrock",
                "x-portkey-custom-host", BEDROCK.baseUrl());
        assertEquals(401, none.statusCode(), none.body());
        assertEquals("aws_credentials_missing", json(none.body()).getJsonObject("error").getString("code"));
        assertNull(BEDROCK.takeRequest(300), "nothing was sent: the gateway's own credentials serve catalog entries only");
    }

    @Test
    void aKeyWithTheWrongSecretIsRefusedByBedrockAndTheClientSeesA403() throws Exception {
        BEDROCK.on("POST", HAIKU_PATH + "/converse", signed((req, ex) -> ex.json(200, CONVERSE_TEXT)));
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions",
                "{\"model\":\"@bedrock-wrong-key/" + HAIKU + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(403, res.statusCode(), res.body());
        JsonObject error = json(res.body()).getJsonObject("error");
        assertEquals("permission_error", error.getString("type"));
        assertTrue(error.getString("message").startsWith("bedrock error: The request signature we calculated does not match"), res.body());
        assertTrue(!res.body().contains("not-the-secret"), "the secret is never echoed");
        assertTrue(BEDROCK.takeRequest(1000).header("authorization").startsWith("AWS4-HMAC-SHA256 Credential=AKIAGATEHOUSEIT/"));
    }

    @Test
    void toolsGoAsToolSpecsAndToolUseComesBackAsToolCalls() throws Exception {
        BEDROCK.on("POST", HAIKU_PATH + "/converse", signed((req, ex) -> ex.json(200, """
                {"output":{"message":{"role":"assistant","content":[{"toolUse":{"toolUseId":"tooluse_1","name":"get_weather",
                 "input":{"city":"Paris"}}}]}},"stopReason":"tool_use","usage":{"inputTokens":20,"outputTokens":9,"totalTokens":29}}""")));
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions", """
                {"model":"@bedrock-prod/anthropic.claude-3-haiku-20240307-v1:0","tool_choice":"required",
                 "messages":[{"role":"user","content":"Weather in Paris?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}""");

        assertEquals(200, res.statusCode(), res.body());
        JsonObject choice = json(res.body()).getJsonArray("choices").getJsonObject(0);
        assertEquals("tool_calls", choice.getString("finish_reason"));
        JsonObject call = choice.getJsonObject("message").getJsonArray("tool_calls").getJsonObject(0);
        assertEquals("tooluse_1", call.getString("id"));
        assertEquals("{\"city\":\"Paris\"}", call.getJsonObject("function").getString("arguments"));
        JsonObject toolConfig = json(BEDROCK.takeRequest(1000).bodyText()).getJsonObject("toolConfig");
        assertEquals(json("{\"any\":{}}"), toolConfig.getJsonObject("toolChoice"));
        assertEquals("get_weather", toolConfig.getJsonArray("tools").getJsonObject(0).getJsonObject("toolSpec").getString("name"));
    }

    @Test
    void aConverseStreamReachesOpenAiChatClientsAsChunks() throws Exception {
        BEDROCK.on("POST", HAIKU_PATH + "/converse-stream", converseStream(TEXT_STREAM));
        HttpResponse<InputStream> res = stream("/v1/chat/completions", "{\"model\":\"@bedrock-prod/" + HAIKU
                + "\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(200, res.statusCode());
        assertEquals("text/event-stream", res.headers().firstValue("content-type").orElse("").split(";")[0]);
        List<String> data = GatewayClient.dataLines(res.body());
        StringBuilder text = new StringBuilder();
        for (String d : data.subList(0, data.size() - 1)) {
            JsonObject chunk = json(d);
            if (!chunk.getJsonArray("choices").isEmpty()) {
                text.append(chunk.getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("content", ""));
            }
        }
        assertEquals("Hello from Bedrock ✓", text.toString());
        assertEquals(16, json(data.get(data.size() - 2)).getJsonObject("usage").getInt("total_tokens"));
        assertEquals("[DONE]", data.get(data.size() - 1));
        RecordedRequest got = BEDROCK.takeRequest(1000);
        assertEquals(HAIKU_PATH + "/converse-stream", got.path());
        assertTrue(signatureValid(got));
    }

    @Test
    void aConverseStreamReachesAnthropicMessagesClientsAsMessagesEvents() throws Exception {
        BEDROCK.on("POST", HAIKU_PATH + "/converse-stream", converseStream(TEXT_STREAM));
        HttpResponse<InputStream> res = stream("/v1/messages", "{\"model\":\"@bedrock-prod/" + HAIKU
                + "\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "anthropic-version", "2023-06-01");

        assertEquals(200, res.statusCode());
        List<GatewayClient.Event> events = GatewayClient.events(res.body());
        List<String> names = events.stream().map(GatewayClient.Event::name).toList();
        assertEquals("message_start", names.get(0));
        assertEquals("message_stop", names.get(names.size() - 1));
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> "content_block_delta".equals(e.name()))
                .forEach(e -> text.append(json(e.data()).getJsonObject("delta").getString("text")));
        assertEquals("Hello from Bedrock ✓", text.toString());
        assertEquals(json("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}],\"inferenceConfig\":{\"maxTokens\":64}}"),
                json(BEDROCK.takeRequest(1000).bodyText()));
    }

    @Test
    void aConverseStreamReachesResponsesClientsAsResponsesEvents() throws Exception {
        BEDROCK.on("POST", HAIKU_PATH + "/converse-stream", converseStream(TEXT_STREAM));
        HttpResponse<InputStream> res = stream("/v1/responses", "{\"model\":\"@bedrock-prod/" + HAIKU
                + "\",\"stream\":true,\"store\":false,\"input\":\"Hi\"}");

        assertEquals(200, res.statusCode());
        List<GatewayClient.Event> events = GatewayClient.events(res.body());
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> "response.output_text.delta".equals(e.name()))
                .forEach(e -> text.append(json(e.data()).getString("delta")));
        assertEquals("Hello from Bedrock ✓", text.toString());
        assertEquals("response.completed", events.get(events.size() - 1).name());
        assertTrue(signatureValid(BEDROCK.takeRequest(1000)));
    }

    @Test
    void anExceptionFrameAfterContentEndsTheStreamWithAnErrorEvent() throws Exception {
        BEDROCK.on("POST", HAIKU_PATH + "/converse-stream", converseStream(TEXT_STREAM[0], TEXT_STREAM[1],
                EventStreamFrames.exception("modelStreamErrorException", "{\"message\":\"The model stopped\"}")));
        HttpResponse<InputStream> res = stream("/v1/chat/completions", "{\"model\":\"@bedrock-prod/" + HAIKU
                + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        List<String> data = GatewayClient.dataLines(res.body());
        JsonObject error = json(data.get(data.size() - 1)).getJsonObject("error");
        assertEquals("bedrock error: The model stopped", error.getString("message"));
        assertEquals("ModelStreamErrorException", error.getString("code"));
        assertTrue(data.stream().noneMatch("[DONE]"::equals));
    }

    // --- embeddings and rerank ----------------------------------------------------------------------------

    @Test
    void titanEmbeddingsGoThroughInvokeModel() throws Exception {
        BEDROCK.on("POST", "/model/amazon.titan-embed-text-v2%3A0/invoke", signed((req, ex) -> ex.json(200,
                "{\"embedding\":[0.5,-0.25,0.125],\"inputTextTokenCount\":4}")));
        HttpResponse<String> res = gateway.postJson("/v1/embeddings",
                "{\"model\":\"@bedrock-prod/amazon.titan-embed-text-v2:0\",\"input\":\"hello there\",\"dimensions\":256}");

        assertEquals(200, res.statusCode(), res.body());
        JsonObject answer = json(res.body());
        assertEquals(Json.createReader(new StringReader("[0.5,-0.25,0.125]")).readArray(), answer.getJsonArray("data").getJsonObject(0).getJsonArray("embedding"));
        assertEquals(4, answer.getJsonObject("usage").getInt("prompt_tokens"));
        assertEquals(json("{\"inputText\":\"hello there\",\"dimensions\":256}"), json(BEDROCK.takeRequest(1000).bodyText()));
    }

    @Test
    void theSeedsRerankExampleIsTranslatedToBedrocksRerankApi() throws Exception {
        BEDROCK.on("POST", "/rerank", signed((req, ex) -> ex.json(200,
                "{\"results\":[{\"index\":1,\"relevanceScore\":0.98},{\"index\":0,\"relevanceScore\":0.12}]}")));
        HttpResponse<String> res = gateway.postJson("/v1/rerank", """
                {"model": "arn:aws:bedrock:us-east-1::foundation-model/cohere.rerank-v3-5:0",
                 "query": "What is the capital of the United States?",
                 "documents": ["Carson City is the capital city of the American state of Nevada.",
                               "Washington, D.C. is the capital of the United States."],
                 "top_n": 2, "return_documents": true}""", "x-portkey-provider", "@bedrock-prod");

        assertEquals(200, res.statusCode(), res.body());
        JsonObject answer = json(res.body());
        JsonObject first = answer.getJsonArray("results").getJsonObject(0);
        assertEquals(1, first.getInt("index"));
        assertEquals(0.98, first.getJsonNumber("relevance_score").doubleValue());
        assertEquals("Washington, D.C. is the capital of the United States.", first.getJsonObject("document").getString("text"));
        assertEquals(1, answer.getJsonObject("meta").getJsonObject("billed_units").getInt("search_units"));

        RecordedRequest got = BEDROCK.takeRequest(1000);
        assertTrue(signatureValid(got));
        JsonObject sent = json(got.bodyText());
        assertEquals(RERANK_ARN, sent.getJsonObject("rerankingConfiguration").getJsonObject("bedrockRerankingConfiguration")
                .getJsonObject("modelConfiguration").getString("modelArn"));
        assertEquals(2, sent.getJsonArray("sources").size());
        assertEquals("What is the capital of the United States?",
                sent.getJsonArray("queries").getJsonObject(0).getJsonObject("textQuery").getString("text"));
    }

    private static final String COHERE_RERANK = "{\"model\":\"rerank-2\",\"query\":\"q\",\"documents\":[\"alpha\",{\"text\":\"beta\"}],"
            + "\"top_n\":1,\"return_documents\":true}";

    @Test
    void jinaTakesTheCohereBodyByteForByteAndItsAnswerComesBackUnchanged() throws Exception {
        String jinaAnswer = "{\"model\":\"jina-reranker-v2\",\"usage\":{\"total_tokens\":9},\"results\":[{\"index\":1,\"relevance_score\":0.7}]}";
        RERANKER.on("POST", "/v1/rerank", (req, ex) -> ex.json(200, jinaAnswer));
        HttpResponse<String> res = gateway.postJson("/v1/rerank", COHERE_RERANK, "x-portkey-provider", "jina",
                "x-portkey-custom-host", RERANKER.baseUrl() + "/v1", "Authorization", "Bearer jina-key");

        assertEquals(200, res.statusCode(), res.body());
        assertEquals(jinaAnswer, res.body());
        RecordedRequest got = RERANKER.takeRequest(1000);
        assertEquals(COHERE_RERANK, got.bodyText());
        assertEquals("Bearer jina-key", got.header("authorization"));
    }

    @Test
    void voyageRerankIsTranslatedBothWays() throws Exception {
        RERANKER.on("POST", "/v1/rerank", (req, ex) -> ex.json(200, "{\"object\":\"list\",\"data\":[{\"relevance_score\":0.625,"
                + "\"index\":1,\"document\":\"beta\"}],\"model\":\"rerank-2\",\"usage\":{\"total_tokens\":5}}"));
        HttpResponse<String> res = gateway.postJson("/v1/rerank", COHERE_RERANK, "x-portkey-provider", "voyage",
                "x-portkey-custom-host", RERANKER.baseUrl() + "/v1", "Authorization", "Bearer voyage-key");

        assertEquals(200, res.statusCode(), res.body());
        JsonObject answer = json(res.body());
        assertEquals(json("{\"index\":1,\"relevance_score\":0.625,\"document\":{\"text\":\"beta\"}}"),
                answer.getJsonArray("results").getJsonObject(0));
        assertEquals(5, answer.getJsonObject("meta").getJsonObject("billed_units").getInt("input_tokens"));
        RecordedRequest got = RERANKER.takeRequest(1000);
        assertEquals(json("{\"query\":\"q\",\"documents\":[\"alpha\",\"beta\"],\"model\":\"rerank-2\",\"top_k\":1,\"return_documents\":true}"),
                json(got.bodyText()));
        assertEquals("Bearer voyage-key", got.header("authorization"));

        HttpResponse<String> refused = gateway.postJson("/v1/rerank", COHERE_RERANK, "x-portkey-provider", "anthropic",
                "Authorization", "Bearer k");
        assertEquals(400, refused.statusCode(), refused.body());
        assertEquals("unsupported_capability", json(refused.body()).getJsonObject("error").getString("code"));
    }

    // --- fallbacks ----------------------------------------------------------------------------------------

    private static final String FALLBACK = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
            + "{\"provider\":\"@bedrock-prod\",\"override_params\":{\"model\":\"" + HAIKU + "\"}},"
            + "{\"provider\":\"@openai-backup\",\"override_params\":{\"model\":\"gpt-4o-mini\"}}]}";

    @Test
    void aThrottledBedrockFallsBackToOpenAi() throws Exception {
        BEDROCK.on("POST", HAIKU_PATH + "/converse", signed((req, ex) -> ex.respond(429,
                Map.of("Content-Type", "application/json", "x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/"),
                "{\"message\":\"Too many requests, please wait before trying again.\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        HttpResponse<String> res = gateway.postJson("/v1/chat/completions",
                "{\"model\":\"any\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "x-portkey-config", FALLBACK);

        assertEquals(200, res.statusCode(), res.body());
        assertEquals("from openai", json(res.body()).getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
        assertTrue(signatureValid(BEDROCK.takeRequest(1000)));
        assertEquals("Bearer sk-backup", OPENAI.takeRequest(1000).header("authorization"));
    }

    @Test
    void aBedrockStreamThatFailsBeforeAnyContentFallsBackToo() throws Exception {
        BEDROCK.on("POST", HAIKU_PATH + "/converse-stream", converseStream(TEXT_STREAM[0],
                EventStreamFrames.exception("throttlingException", "{\"message\":\"Too many tokens\"}")));
        OPENAI.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.beginEvents();
            ex.event("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"role\":\"assistant\",\"content\":\"from openai\"},\"finish_reason\":null}]}");
            ex.event("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{},\"finish_reason\":\"stop\"}]}");
            ex.event("[DONE]");
            ex.end();
        });
        HttpResponse<InputStream> res = stream("/v1/chat/completions",
                "{\"model\":\"any\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "x-portkey-config", FALLBACK);

        assertEquals(200, res.statusCode());
        String all = String.join("\n", GatewayClient.dataLines(res.body()));
        assertTrue(all.contains("from openai"), all);
        assertTrue(!all.contains("Too many tokens"), all);
        assertEquals(HAIKU_PATH + "/converse-stream", BEDROCK.takeRequest(1000).path());
        assertNull(OPENAI.takeRequest(1000).header("x-amz-date"));
    }
}
