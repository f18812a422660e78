package io.gatehouse.provider.bedrock;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.http.Header;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.model.Json;
import io.gatehouse.provider.NativeRequest;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.provider.TargetFields;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a Bedrock request goes and which credentials sign it, decided before anything is sent. */
class BedrockRequestsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T21:30:00Z"), ZoneOffset.UTC);
    private static final JsonObject BODY = Json.object().add("messages", Json.array()).build();
    private static final Map<String, String> GATEWAY_ENV = Map.of("AWS_ACCESS_KEY_ID", "AKIAGATEWAY", "AWS_SECRET_ACCESS_KEY", "gw-secret");
    private final BedrockRequests requests = new BedrockRequests(
            new AwsCredentialChain(GATEWAY_ENV::get, Path.of("/nonexistent"), (m, u, h) -> {
                throw new AssertionError("nothing is fetched in these tests");
            }, CLOCK), CLOCK);

    private static ProviderCall call(String key, String customHost, Map<String, String> headers, Map<String, String> fields,
                                     boolean serverAccount) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return new ProviderCall(ProviderRegistry.defaults().resolve("bedrock"), key, customHost, RequestHeaders.of(h),
                (TargetFields) fields::get, serverAccount);
    }

    private static Map<String, String> headers(NativeRequest request) {
        Map<String, String> out = new LinkedHashMap<>();
        request.endpoint().headers().forEach(h -> out.put(h.name(), h.value()));
        return out;
    }

    @Test
    void anAccessKeyAsTheProviderKeySignsForTheTargetsRegion() {
        NativeRequest signed = requests.post(call("AKIDEXAMPLE:wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, Map.of(),
                Map.of("aws_region", "eu-west-3"), false), BedrockRequests.Api.RUNTIME, "/model/m%3A0/converse", BODY);
        assertEquals("https://bedrock-runtime.eu-west-3.amazonaws.com/model/m%3A0/converse", signed.endpoint().uri().toString());
        Map<String, String> headers = headers(signed);
        assertEquals("20261204T213000Z", headers.get("X-Amz-Date"));
        SigV4Signer.Signature expected = SigV4Signer.sign("POST", "/model/m%3A0/converse", null,
                List.of(new Header("host", "bedrock-runtime.eu-west-3.amazonaws.com"), new Header("x-amz-date", "20261204T213000Z")),
                signed.bodyBytes(), new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null), "eu-west-3",
                "bedrock", "20261204T213000Z");
        assertEquals(expected.authorization(), headers.get("Authorization"));
        assertTrue(headers.get("Authorization").startsWith(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261204/eu-west-3/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature="));
    }

    @Test
    void aSessionTokenIsSentAndSigned() {
        Map<String, String> headers = headers(requests.post(call("ASIA1:secret:the-token", "http://127.0.0.1:9000/", Map.of(), Map.of(),
                false), BedrockRequests.Api.RUNTIME, "/model/m/converse", BODY));
        assertEquals("the-token", headers.get("X-Amz-Security-Token"));
        assertTrue(headers.get("Authorization").contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"), headers.get("Authorization"));
    }

    @Test
    void aKeyWithoutAColonOrAnApiKeyAuthTypeIsABedrockApiKey() {
        assertEquals(Map.of("Authorization", "Bearer ABSKQmVkcm9ja0FQSUtleQ=="), headers(requests.post(
                call("ABSKQmVkcm9ja0FQSUtleQ==", null, Map.of(), Map.of(), false), BedrockRequests.Api.RUNTIME, "/x", BODY)));
        assertEquals(Map.of("Authorization", "Bearer odd:key"), headers(requests.post(
                call("odd:key", null, Map.of("x-portkey-aws-auth-type", "apiKey"), Map.of(), false), BedrockRequests.Api.RUNTIME, "/x", BODY)));
    }

    @Test
    void anAccessKeyInTheHeadersWinsOverTheBearerToken() {
        Map<String, String> headers = headers(requests.post(call("client-bearer", null, Map.of("x-portkey-aws-access-key-id", "AKIAHDR",
                "x-portkey-aws-secret-access-key", "hdr-secret", "x-portkey-aws-region", "us-west-2"), Map.of(), false),
                BedrockRequests.Api.AGENT_RUNTIME, "/rerank", BODY));
        assertTrue(headers.get("Authorization").contains("Credential=AKIAHDR/20261204/us-west-2/bedrock/aws4_request"));
    }

    @Test
    void theGatewaysOwnCredentialsServeCatalogEntriesOnly() {
        NativeRequest catalog = requests.post(call(null, null, Map.of(), Map.of(), true), BedrockRequests.Api.RUNTIME, "/x", BODY);
        assertTrue(headers(catalog).get("Authorization").contains("Credential=AKIAGATEWAY/"));
        assertGatewayError(401, "aws_credentials_missing",
                () -> requests.post(call(null, "http://127.0.0.1:9/", Map.of(), Map.of(), false), BedrockRequests.Api.RUNTIME, "/x", BODY));
    }

    @Test
    void theRegionMustLookLikeOneElseTheDefault() {
        assertEquals("us-east-1", new BedrockOptions("evil.example.com/", null, null, null, null).regionOrDefault());
        assertEquals("ap-southeast-2", new BedrockOptions("ap-southeast-2", null, null, null, null).regionOrDefault());
        assertEquals("us-gov-west-1", new BedrockOptions("us-gov-west-1", null, null, null, null).regionOrDefault());
    }

    @Test
    void modelFamiliesLookThroughInferenceProfilesAndArns() {
        assertEquals("anthropic", BedrockModels.family("anthropic.claude-3-haiku-20240307-v1:0"));
        assertEquals("anthropic", BedrockModels.family("global.anthropic.claude-sonnet-4-5-20250929-v1:0"));
        assertEquals("cohere", BedrockModels.family("arn:aws:bedrock:us-east-1::foundation-model/cohere.rerank-v3-5:0"));
        assertEquals("amazon", BedrockModels.family("eu.amazon.nova-pro-v1:0"));
        assertEquals("", BedrockModels.family("arn:aws:bedrock:us-east-1:123:application-inference-profile/a1b2c3"));
    }
}
