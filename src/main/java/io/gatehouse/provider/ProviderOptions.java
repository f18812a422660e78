package io.gatehouse.provider;

import io.gatehouse.context.RequestHeaders;
import io.gatehouse.error.GatewayException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * Provider-specific options of one target, read in this one place: from the {@code x-portkey-azure-*}
 * headers, else from the target's config fields (snake_case or camelCase). A header wins over the same
 * config field, as for every other gateway setting. Values are secrets-aware: the Entra token is never
 * logged or echoed.
 *
 * @param azureResourceName  Azure OpenAI resource ({@code https://<resource>.openai.azure.com}), or null
 * @param azureDeploymentId  Azure OpenAI deployment, or null
 * @param azureApiVersion    Azure OpenAI API version ({@code 2024-10-21}, or {@code v1}/{@code preview} for the v1 API), or null
 * @param azureAdToken       a Microsoft Entra ID token, sent as {@code Authorization: Bearer}, or null
 */
public record ProviderOptions(String azureResourceName, String azureDeploymentId, String azureApiVersion, String azureAdToken) {
    public static final String AZURE_RESOURCE_NAME = "x-portkey-azure-resource-name";
    public static final String AZURE_DEPLOYMENT_ID = "x-portkey-azure-deployment-id";
    public static final String AZURE_API_VERSION = "x-portkey-azure-api-version";
    public static final String AZURE_AD_TOKEN = "x-portkey-azure-ad-token";

    public static final ProviderOptions NONE = new ProviderOptions(null, null, null, null);

    /**
     * @param headers      the client's headers
     * @param targetConfig the target's config object (the whole single-target config today), or null
     */
    public static ProviderOptions read(RequestHeaders headers, JsonObject targetConfig) {
        JsonObject config = targetConfig == null ? JsonObject.EMPTY_JSON_OBJECT : targetConfig;
        return new ProviderOptions(
                pick(headers, AZURE_RESOURCE_NAME, config, "resource_name", "resourceName"),
                pick(headers, AZURE_DEPLOYMENT_ID, config, "deployment_id", "deploymentId"),
                pick(headers, AZURE_API_VERSION, config, "api_version", "apiVersion"),
                pick(headers, AZURE_AD_TOKEN, config, "azure_ad_token", "azureAdToken"));
    }

    private static String pick(RequestHeaders headers, String header, JsonObject config, String snake, String camel) {
        String fromHeader = headers.first(header);
        if (fromHeader != null && !fromHeader.isBlank()) {
            return fromHeader.strip();
        }
        JsonValue v = config.containsKey(snake) ? config.get(snake) : config.get(camel);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString().isBlank() ? null : s.getString().strip();
        }
        throw GatewayException.badRequest("invalid_config", "Invalid config: config." + snake + " must be a string");
    }

    @Override
    public String toString() {
        return "ProviderOptions[azureResourceName=" + azureResourceName + ", azureDeploymentId=" + azureDeploymentId
                + ", azureApiVersion=" + azureApiVersion + ", azureAdToken=" + (azureAdToken == null ? "null" : "***") + "]";
    }
}
