package io.gatehouse.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.error.GatewayException;
import io.gatehouse.http.Header;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.model.Json;
import io.gatehouse.model.ProviderError;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.ProviderSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AzureProviderTest {
    private static final ProviderSpec SPEC = AzureProvider.spec();

    /** The options arrive as target config fields here; AzureOptionsTest covers the headers. */
    private static Endpoint endpoint(Capability capability, String customHost, AzureOptions options) {
        Map<String, String> fields = new java.util.HashMap<>();
        fields.put("resource_name", options.resourceName());
        fields.put("deployment_id", options.deploymentId());
        fields.put("api_version", options.apiVersion());
        fields.put("azure_ad_token", options.adToken());
        return ((AzureProvider) SPEC.api()).endpoint(capability,
                new ProviderCall(SPEC, "azure-key", customHost, RequestHeaders.of(Map.of()), fields::get));
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource({
            "CHAT_COMPLETIONS, my-res, gpt4o-prod, 2024-10-21, https://my-res.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-10-21",
            "EMBEDDINGS,       my-res, ada.v2_1,   2024-10-21, https://my-res.openai.azure.com/openai/deployments/ada.v2_1/embeddings?api-version=2024-10-21",
            "COMPLETIONS,      Res1,   instruct,   2025-04-01-preview, https://Res1.openai.azure.com/openai/deployments/instruct/completions?api-version=2025-04-01-preview",
            "CHAT_COMPLETIONS, my-res, ,           v1,         https://my-res.openai.azure.com/openai/v1/chat/completions",
            "EMBEDDINGS,       my-res, ignored,    v1,         https://my-res.openai.azure.com/openai/v1/embeddings",
            "CHAT_COMPLETIONS, my-res, ,           preview,    https://my-res.openai.azure.com/openai/v1/chat/completions?api-version=preview",
    })
    void urlsFollowTheApiVersion(Capability capability, String resource, String deployment, String version, String url) {
        Endpoint e = endpoint(capability, null, new AzureOptions(resource, deployment, version, null));
        assertEquals(url, e.uri().toString());
        assertEquals(List.of(new Header("api-key", "azure-key")), e.headers());
    }

    @Test
    void customHostReplacesPortkeysBaseWhichEndsInOpenai() {
        Endpoint e = endpoint(Capability.CHAT_COMPLETIONS, "http://127.0.0.1:9999/azure/",
                new AzureOptions(null, "dep", "2024-10-21", null));
        assertEquals("http://127.0.0.1:9999/azure/deployments/dep/chat/completions?api-version=2024-10-21", e.uri().toString());
        Endpoint v1 = endpoint(Capability.EMBEDDINGS, "http://h/p", new AzureOptions(null, null, "v1", null));
        assertEquals("http://h/p/v1/embeddings", v1.uri().toString());
    }

    @Test
    void entraTokenIsSentAsBearerInsteadOfTheKey() {
        Endpoint e = endpoint(Capability.CHAT_COMPLETIONS, null, new AzureOptions("r", "d", "v1", "eyJ0eXAi"));
        assertEquals(List.of(new Header("Authorization", "Bearer eyJ0eXAi")), e.headers());
    }

    /** Portkey-AI/gateway#1596: a resource name must not be able to rewrite the URL. */
    @ParameterizedTest
    @ValueSource(strings = {"evil.com/x#", "evil.com?", "a b", "res.evil", "-res", "res-", "x@evil.com", "ré"})
    void resourceNamesThatCouldRewriteTheUrlAreRefused(String resource) {
        GatewayException e = assertThrows(GatewayException.class,
                () -> endpoint(Capability.CHAT_COMPLETIONS, null, new AzureOptions(resource, "dep", "2024-10-21", null)));
        assertEquals(400, e.status());
        assertEquals("invalid_provider_options", e.code());
        assertFalse(e.getMessage().contains(resource), "the bad value is not echoed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../admin", "dep/../../x", "dep?x=1", "dep#", ".hidden", "d e"})
    void deploymentIdsThatCouldRewriteThePathAreRefused(String deployment) {
        GatewayException e = assertThrows(GatewayException.class,
                () -> endpoint(Capability.CHAT_COMPLETIONS, null, new AzureOptions("res", deployment, "2024-10-21", null)));
        assertEquals("invalid_provider_options", e.code());
    }

    @Test
    void apiVersionsCannotAddQueryParameters() {
        GatewayException e = assertThrows(GatewayException.class,
                () -> endpoint(Capability.CHAT_COMPLETIONS, null, new AzureOptions("res", "dep", "2024-10-21&x=1", null)));
        assertEquals("invalid_provider_options", e.code());
    }

    @Test
    void missingOptionsNameTheHeaderAndConfigField() {
        GatewayException noVersion = assertThrows(GatewayException.class,
                () -> endpoint(Capability.CHAT_COMPLETIONS, null, new AzureOptions("res", "dep", null, null)));
        assertEquals("missing_provider_options", noVersion.code());
        assertTrue(noVersion.getMessage().contains("x-portkey-azure-api-version") && noVersion.getMessage().contains("api_version"));
        GatewayException noResource = assertThrows(GatewayException.class,
                () -> endpoint(Capability.CHAT_COMPLETIONS, null, new AzureOptions(null, "dep", "2024-10-21", null)));
        assertTrue(noResource.getMessage().contains("x-portkey-azure-resource-name"));
        GatewayException noDeployment = assertThrows(GatewayException.class,
                () -> endpoint(Capability.CHAT_COMPLETIONS, null, new AzureOptions("res", null, "2024-10-21", null)));
        assertTrue(noDeployment.getMessage().contains("deployment_id"));
    }

    @Test
    void errorsKeepAzuresFieldsAndGainATypeFromTheStatus() {
        ProviderError notFound = ((AzureProvider) SPEC.api()).errors().error(404, Json.parse(
                "{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this resource does not exist.\"}}").asJsonObject());
        assertEquals(new ProviderError("The API deployment for this resource does not exist.", "invalid_request_error", null,
                "DeploymentNotFound"), notFound);
        ProviderError filtered = ((AzureProvider) SPEC.api()).errors().error(400, Json.parse(
                "{\"error\":{\"message\":\"The response was filtered due to the prompt triggering Azure OpenAI's content management policy.\","
                        + "\"type\":null,\"param\":\"prompt\",\"code\":\"content_filter\",\"status\":400,"
                        + "\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\"}}}").asJsonObject());
        assertEquals("prompt", filtered.param());
        assertEquals("content_filter", filtered.code());
        assertEquals("invalid_request_error", filtered.type());
    }

    @Test
    void reachableWithoutACustomHostBecauseTheResourceGivesTheHost() {
        SPEC.requireReachable(null); // no exception: checked when the call is built
    }
}
