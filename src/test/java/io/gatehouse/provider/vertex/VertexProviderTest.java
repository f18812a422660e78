package io.gatehouse.provider.vertex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.gatehouse.config.ProviderOptions;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.model.Json;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.TargetFields;
import io.gatehouse.testing.TestServiceAccount;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where Vertex calls go and with which token: model ids to publishers, regions to hosts, the options' sources,
 * and service-account keys exchanged at a fake token endpoint on 127.0.0.1 that checks the JWT's signature.
 */
class VertexProviderTest {
    private static final TargetFields REGION_AND_PROJECT = fields(Map.of("vertex_region", "us-central1", "vertex_project_id", "proj"));

    private static HttpServer tokenEndpoint;
    private static String tokenUri;
    private static final AtomicInteger grants = new AtomicInteger();
    private static final List<String> refusals = new CopyOnWriteArrayList<>();
    private static final TestServiceAccount account = TestServiceAccount.generate("gatehouse-test@proj.iam.gserviceaccount.com");
    /** A project of each test's own: its key file, and so its cached token, is no other test's. */
    private String saProject;

    @BeforeEach
    void reset(org.junit.jupiter.api.TestInfo test) {
        saProject = "sa-" + Integer.toHexString(test.getDisplayName().hashCode());
        grants.set(0);
        refusals.clear();
    }

    @BeforeAll
    static void startTokenEndpoint() throws IOException {
        tokenEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        tokenUri = "http://127.0.0.1:" + tokenEndpoint.getAddress().getPort() + "/token";
        tokenEndpoint.createContext("/token", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer;
            int status;
            try {
                account.verifyGrant(body);
                answer = TestServiceAccount.tokenAnswer("ya29.grant-" + grants.incrementAndGet(), 3600);
                status = 200;
            } catch (AssertionError refused) {
                refusals.add(refused.getMessage());
                answer = "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}";
                status = 400;
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        tokenEndpoint.start();
    }

    @AfterAll
    static void stopTokenEndpoint() {
        tokenEndpoint.stop(0);
    }

    @ParameterizedTest(name = "{0} → {1} / {2}")
    @CsvSource({
            "gemini-2.5-pro, google, gemini-2.5-pro",
            "gemini-1.5-pro-002, google, gemini-1.5-pro-002",
            "text-embedding-005, google, text-embedding-005",
            "claude-sonnet-4@20250514, anthropic, claude-sonnet-4@20250514",
            "anthropic.claude-3-5-haiku@20241022, anthropic, claude-3-5-haiku@20241022",
            "google.gemini-2.0-flash-001, google, gemini-2.0-flash-001",
            "publishers/google/models/gemini-2.5-flash, google, gemini-2.5-flash",
            "publishers/anthropic/models/claude-opus-4-1@20250805, anthropic, claude-opus-4-1@20250805",
            "publishers/meta/models/llama-4-maverick-17b-128e-instruct-maas, meta, llama-4-maverick-17b-128e-instruct-maas",
    })
    void modelIdsNameTheirPublisher(String model, String publisher, String name) {
        assertEquals(new VertexModel(publisher, name), VertexModel.parse(model));
    }

    @ParameterizedTest
    @CsvSource({"gemini/../../x", "publishers/google/gemini-2.5-pro", "publishers/google/models/a/b", "gemini 2.5", "gemini?alt=x",
            "publishers/Goo gle/models/x", "'gemini-2.5-pro#x'"})
    void modelsThatWouldChangeTheUrlAreRefused(String model) {
        GatewayException e = assertThrows(GatewayException.class, () -> VertexModel.parse(model));
        assertEquals("invalid_model", e.code());
    }

    @Test
    void regionGlobalHasNoRegionalHostAndACustomHostReplacesTheHostOnly() {
        Endpoint global = VertexProvider.endpoint(call("ya29.given", null, fields(Map.of("vertex_region", "global",
                "vertex_project_id", "proj")), Map.of(), false), VertexModel.parse("gemini-2.5-pro"), "generateContent");
        assertEquals("https://aiplatform.googleapis.com/v1/projects/proj/locations/global/publishers/google/models/gemini-2.5-pro:generateContent",
                global.uri().toString());
        Endpoint custom = VertexProvider.endpoint(call("ya29.given", "http://127.0.0.1:9/", REGION_AND_PROJECT, Map.of(), false),
                VertexModel.parse("claude-sonnet-4@20250514"), "rawPredict");
        assertEquals("http://127.0.0.1:9/v1/projects/proj/locations/us-central1/publishers/anthropic/models/claude-sonnet-4@20250514:rawPredict",
                custom.uri().toString());
        assertEquals("Bearer ya29.given", custom.headers().get(0).value());
    }

    @Test
    void headersWinOverTheTargetsFields() {
        Endpoint e = VertexProvider.endpoint(call("ya29.given", null, REGION_AND_PROJECT,
                Map.of("x-portkey-vertex-region", "europe-west4", "x-portkey-vertex-project-id", "other"), false),
                VertexModel.parse("gemini-2.5-pro"), "generateContent");
        assertTrue(e.uri().toString().startsWith("https://europe-west4-aiplatform.googleapis.com/v1/projects/other/locations/europe-west4/"),
                e.uri().toString());
    }

    @Test
    void missingOrMalformedOptionsAreRefusedBeforeAnyCall() {
        assertEquals("missing_provider_options", refused(call("t", null, fields(Map.of("vertex_project_id", "p")), Map.of(), false)));
        assertEquals("missing_provider_options", refused(call("t", null, fields(Map.of("vertex_region", "us-east5")), Map.of(), false)));
        assertEquals("invalid_provider_options", refused(call("t", null, fields(Map.of("vertex_region", "evil.com/x#",
                "vertex_project_id", "p")), Map.of(), false)));
        assertEquals("invalid_provider_options", refused(call("t", null, fields(Map.of("vertex_region", "us-east5",
                "vertex_project_id", "p/../q")), Map.of(), false)));
        assertEquals("missing_api_key", refused(call(null, null, REGION_AND_PROJECT, Map.of(), false)));
        assertEquals("invalid_provider_options", refused(call("{\"type\":\"authorized_user\"}", null, REGION_AND_PROJECT, Map.of(), true)));
    }

    @Test
    void aServiceAccountKeyAsTheProviderKeyIsExchangedOnceAndItsProjectUsed() {
        String keyFile = account.keyFile(saProject, tokenUri);
        TargetFields regionOnly = fields(Map.of("vertex_region", "us-east5"));
        for (int i = 0; i < 3; i++) {
            Endpoint e = VertexProvider.endpoint(call(keyFile, null, regionOnly, Map.of(), true),
                    VertexModel.parse("gemini-2.5-pro"), "generateContent");
            assertEquals("Bearer ya29.grant-1", e.headers().get(0).value());
            assertTrue(e.uri().toString().contains("/v1/projects/" + saProject + "/locations/us-east5/"), e.uri().toString());
        }
        assertEquals(1, grants.get(), "one exchange for three calls; refusals: " + refusals);
    }

    @Test
    void aServiceAccountInTheOptionsWinsOverAGivenAccessToken() {
        TargetFields withAccount = fields(Map.of("vertex_region", "us-east5", "vertex_service_account_json",
                account.keyFile(saProject, tokenUri)));
        Endpoint e = VertexProvider.endpoint(call("ya29.given", null, withAccount, Map.of(), true),
                VertexModel.parse("claude-sonnet-4@20250514"), "rawPredict");
        assertEquals("Bearer ya29.grant-1", e.headers().get(0).value());
    }

    @Test
    void aConfigsServiceAccountObjectIsReadAsTheKeyFile() {
        ProviderOptions options = new ProviderOptions(Map.of("vertex_region", Json.PROVIDER.createValue("us-east5"),
                "vertex_service_account_json", Json.parse(account.keyFile(saProject, tokenUri))));
        Endpoint e = VertexProvider.endpoint(call(null, null, options::text, Map.of(), true),
                VertexModel.parse("gemini-2.5-pro"), "generateContent");
        assertEquals("Bearer ya29.grant-1", e.headers().get(0).value());
        assertTrue(e.uri().toString().contains("/projects/" + saProject + "/"), e.uri().toString());
    }

    @Test
    void aClientsServiceAccountMayOnlyNameGooglesTokenEndpoint() {
        String keyFile = account.keyFile(saProject, tokenUri);
        GatewayException e = assertThrows(GatewayException.class, () -> VertexProvider.endpoint(
                call(null, null, REGION_AND_PROJECT, Map.of("x-portkey-vertex-service-account-json", keyFile), false),
                VertexModel.parse("gemini-2.5-pro"), "generateContent"));
        assertEquals("invalid_provider_options", e.code());
        assertEquals(0, grants.get(), "nothing was posted to the client's token endpoint");
    }

    @Test
    void aKeyTheTokenEndpointRefusesIsA502WithoutTheEndpointsWords() {
        TestServiceAccount stranger = TestServiceAccount.generate("gatehouse-test@proj.iam.gserviceaccount.com");
        GatewayException e = assertThrows(GatewayException.class, () -> VertexProvider.endpoint(
                call(stranger.keyFile("p", tokenUri), null, REGION_AND_PROJECT, Map.of(), true),
                VertexModel.parse("gemini-2.5-pro"), "generateContent"));
        assertEquals(502, e.status());
        assertEquals("provider_auth_failed", e.code());
        assertTrue(e.getMessage().contains("answered HTTP 400") && !e.getMessage().contains("Signature"), e.getMessage());
        assertTrue(refusals.get(0).contains("signature"), refusals.toString());
    }

    @Test
    void outsideTheUnifiedRoutesAKeyFileIsRefusedNotSentAsAHeader() {
        assertEquals("Bearer ya29.given", VertexProvider.spec().authHeaders("ya29.given").get(0).value());
        GatewayException e = assertThrows(GatewayException.class,
                () -> VertexProvider.spec().authHeaders(account.keyFile(saProject, tokenUri)));
        assertEquals("unsupported_credentials", e.code());
        assertFalse(e.getMessage().contains("PRIVATE KEY"));
    }

    private static String refused(ProviderCall call) {
        return assertThrows(GatewayException.class,
                () -> VertexProvider.endpoint(call, VertexModel.parse("gemini-2.5-pro"), "generateContent")).code();
    }

    private static ProviderCall call(String key, String customHost, TargetFields fields, Map<String, String> headers,
                                     boolean operators) {
        Map<String, List<String>> multi = new java.util.HashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return new ProviderCall(VertexProvider.spec(), key, customHost, RequestHeaders.of(multi), fields, operators);
    }

    private static TargetFields fields(Map<String, String> values) {
        return values::get;
    }
}
