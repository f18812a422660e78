package io.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * Issue 14's hardening over HTTP, on a gateway with keys and a saved config of this test's own: what the
 * client sees and what the fake provider received (often: nothing at all).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityIT {
    static final String ADMIN_KEY = "gh-sec-admin-5e1c";
    static final String MINI_KEY = "gh-sec-mini-a93f";
    static final String OTHER_KEY = "gh-sec-other-40b7";
    static final String OPERATOR_SECRET = "sk-operator-secret-7d2";

    static final FakeUpstream PROVIDER = FakeUpstream.started();
    static final FakeUpstream ELSEWHERE = FakeUpstream.started();
    static final ServerConfigDir CONFIG = new ServerConfigDir("it-security-config");

    @ArquillianResource
    URL deployed;

    GatewayClient gateway;

    @Deployment(testable = false)
    static WebArchive war() {
        CONFIG.write("gatehouse.properties", "server-config.reload-interval-ms=200\n")
                .write("configs/pc-operator.json", """
                        {"provider": "openai", "api_key": "%s", "custom_host": "%s/v1"}""".formatted(OPERATOR_SECRET, PROVIDER.baseUrl()))
                .write("gateway-keys.json", KEYS);
        return CONFIG.deployment();
    }

    static final String KEYS = """
            {"keys": [
              {"name": "admin", "sha256": "%s", "entries": ["*"], "direct_providers": true},
              {"name": "mini", "sha256": "%s", "entries": ["*"], "direct_providers": true, "models": ["gpt-4o-mini*"]},
              {"name": "other", "sha256": "%s", "entries": ["*"], "direct_providers": true}
            ]}""".formatted(CatalogIT.sha256(ADMIN_KEY), CatalogIT.sha256(MINI_KEY), CatalogIT.sha256(OTHER_KEY));

    @AfterAll
    static void stopFakes() throws Exception {
        PROVIDER.close();
        ELSEWHERE.close();
    }

    @BeforeEach
    void setUp() {
        // Also the hook arquillian-junit5 needs to inject @ArquillianResource fields.
        PROVIDER.reset();
        ELSEWHERE.reset();
        gateway = new GatewayClient(deployed);
        PROVIDER.on("POST", "/v1/chat/completions", (req, ex) -> ex.json(200, CatalogIT.completion("from-provider")));
        PROVIDER.on("POST", "/v1/messages", (req, ex) -> ex.json(200, """
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-x","content":[{"type":"text","text":"noted"}],
                 "stop_reason":"end_turn","usage":{"input_tokens":5,"output_tokens":2}}"""));
        ELSEWHERE.otherwise((req, ex) -> ex.json(200, CatalogIT.completion("from-elsewhere")));
    }

    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void aSavedConfigsKeyNeverGoesToAClientChosenHost() throws Exception {
        HttpResponse<String> redirected = gateway.postJson("/v1/chat/completions", CHAT, "Authorization", "Bearer " + ADMIN_KEY,
                "x-portkey-config", "pc-operator", "x-portkey-custom-host", ELSEWHERE.baseUrl() + "/v1");
        assertEquals(400, redirected.statusCode(), redirected.body());
        assertTrue(redirected.body().contains("\"code\":\"custom_host_not_allowed\""), redirected.body());
        assertTrue(!redirected.body().contains(OPERATOR_SECRET), "the error never shows the key");
        HttpResponse<String> proxied = gateway.postJson("/v1/proxy/chat/completions", CHAT, "Authorization", "Bearer " + ADMIN_KEY,
                "x-portkey-config", "pc-operator", "x-portkey-custom-host", ELSEWHERE.baseUrl() + "/v1");
        assertEquals(400, proxied.statusCode(), proxied.body());
        assertEquals(0, ELSEWHERE.requests().size(), "nothing reached the client's host");

        HttpResponse<String> home = gateway.postJson("/v1/chat/completions", CHAT, "Authorization", "Bearer " + ADMIN_KEY,
                "x-portkey-config", "pc-operator");
        assertEquals(200, home.statusCode(), home.body());
        assertEquals("Bearer " + OPERATOR_SECRET, PROVIDER.takeRequest(5000).header("authorization"));
    }

    @Test
    void aModelGrantHoldsOnTheProxyWhateverTheBodysLayout() throws Exception {
        String padding = " ".repeat(1_200_000);
        String forbidden = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + padding + ",\"model\":\"gpt-4o\"}";
        HttpResponse<String> refused = gateway.postJson("/v1/proxy/chat/completions", forbidden, "Authorization", "Bearer " + MINI_KEY,
                "x-portkey-provider", "openai", "x-portkey-custom-host", PROVIDER.baseUrl() + "/v1");
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("\"code\":\"model_not_allowed\""), refused.body());
        String twice = "{\"model\":\"gpt-4o-mini\",\"messages\":[],\"model\":\"gpt-4o\"}";
        HttpResponse<String> ambiguous = gateway.postJson("/v1/proxy/chat/completions", twice, "Authorization", "Bearer " + MINI_KEY,
                "x-portkey-provider", "openai", "x-portkey-custom-host", PROVIDER.baseUrl() + "/v1");
        assertEquals(400, ambiguous.statusCode(), ambiguous.body());
        assertEquals(0, PROVIDER.requests().size(), "no refused body reached the provider");

        String allowed = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + padding + ",\"model\":\"gpt-4o-mini\"}";
        HttpResponse<String> ok = gateway.postJson("/v1/proxy/chat/completions", allowed, "Authorization", "Bearer " + MINI_KEY,
                "x-portkey-provider", "openai", "x-portkey-custom-host", PROVIDER.baseUrl() + "/v1");
        assertEquals(200, ok.statusCode(), ok.body());
        RecordedRequest received = PROVIDER.takeRequest(5000);
        assertEquals(allowed.getBytes(StandardCharsets.UTF_8).length, received.bodySize(), "the body read ahead is sent whole");
        assertEquals(GeneratedBytes.sha256(new java.io.ByteArrayInputStream(allowed.getBytes(StandardCharsets.UTF_8))),
                received.bodySha256());
    }

    @Test
    void aRemovedKeyFileNeverOpensTheGateway() throws Exception {
        try {
            java.nio.file.Files.delete(CONFIG.path().resolve("gateway-keys.json"));
            Thread.sleep(1500); // several reload checks
            HttpResponse<String> keyless = gateway.postJson("/v1/chat/completions", CHAT,
                    "x-portkey-provider", "openai", "x-portkey-custom-host", PROVIDER.baseUrl() + "/v1");
            assertEquals(401, keyless.statusCode(), keyless.body());
            HttpResponse<String> keyed = gateway.postJson("/v1/chat/completions", CHAT, "Authorization", "Bearer " + ADMIN_KEY,
                    "x-portkey-provider", "openai", "x-portkey-custom-host", PROVIDER.baseUrl() + "/v1");
            assertEquals(200, keyed.statusCode(), keyed.body());
            assertEquals(1, PROVIDER.requests().size(), "only the keyed request reached the provider");
        } finally {
            CONFIG.write("gateway-keys.json", KEYS);
        }
    }

    @Test
    void aStoredResponseBelongsToTheKeyThatCreatedIt() throws Exception {
        HttpResponse<String> created = gateway.postJson("/v1/responses", "{\"model\":\"claude-x\",\"input\":\"secret plans\"}",
                "Authorization", "Bearer " + ADMIN_KEY, "x-portkey-provider", "anthropic",
                "x-portkey-custom-host", PROVIDER.baseUrl() + "/v1");
        assertEquals(200, created.statusCode(), created.body());
        String id = jakarta.json.Json.createReader(new java.io.StringReader(created.body())).readObject().getString("id");
        PROVIDER.reset();

        String[] asOther = {"Authorization", "Bearer " + OTHER_KEY, "x-portkey-provider", "anthropic"};
        HttpResponse<String> read = gateway.send(gateway.request("/v1/responses/" + id).headers(asOther).GET().build());
        assertEquals(404, read.statusCode(), read.body());
        assertTrue(!read.body().contains("secret plans"), read.body());
        HttpResponse<String> deleted = gateway.send(gateway.request("/v1/responses/" + id).headers(asOther).DELETE().build());
        assertEquals(404, deleted.statusCode(), deleted.body());
        HttpResponse<String> continued = gateway.postJson("/v1/responses",
                "{\"model\":\"claude-x\",\"previous_response_id\":\"" + id + "\",\"input\":\"and?\"}",
                "Authorization", "Bearer " + OTHER_KEY, "x-portkey-provider", "anthropic",
                "x-portkey-custom-host", PROVIDER.baseUrl() + "/v1");
        assertEquals(400, continued.statusCode(), continued.body());
        assertEquals(0, PROVIDER.requests().size(), "another key's conversation never went upstream");

        HttpResponse<String> own = gateway.send(gateway.request("/v1/responses/" + id)
                .headers("Authorization", "Bearer " + ADMIN_KEY, "x-portkey-provider", "anthropic").GET().build());
        assertEquals(200, own.statusCode(), own.body());
        assertTrue(own.body().contains("noted"), own.body());
    }
}
