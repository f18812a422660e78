package io.gatehouse.provider.azure;

import io.gatehouse.http.RequestHeaders;
import io.gatehouse.provider.TargetFields;

/**
 * Azure OpenAI's per-target options, read in this one place: from the {@code x-portkey-azure-*} headers,
 * else from the target's config fields. A header wins over the same config field, as for every other
 * gateway setting. The Entra token is never logged or echoed.
 *
 * @param resourceName Azure OpenAI resource ({@code https://<resource>.openai.azure.com}), or null
 * @param deploymentId the deployment, or null
 * @param apiVersion   the API version ({@code 2024-10-21}, or {@code v1}/{@code preview} for the v1 API), or null
 * @param adToken      a Microsoft Entra ID token, sent as {@code Authorization: Bearer}, or null
 */
public record AzureOptions(String resourceName, String deploymentId, String apiVersion, String adToken) {
    public static final String RESOURCE_NAME = "x-portkey-azure-resource-name";
    public static final String DEPLOYMENT_ID = "x-portkey-azure-deployment-id";
    public static final String API_VERSION = "x-portkey-azure-api-version";
    public static final String AD_TOKEN = "x-portkey-azure-ad-token";

    public static AzureOptions read(RequestHeaders headers, TargetFields target) {
        return new AzureOptions(
                pick(headers, RESOURCE_NAME, target, "resource_name"),
                pick(headers, DEPLOYMENT_ID, target, "deployment_id"),
                pick(headers, API_VERSION, target, "api_version"),
                pick(headers, AD_TOKEN, target, "azure_ad_token"));
    }

    private static String pick(RequestHeaders headers, String header, TargetFields target, String field) {
        String value = headers.first(header);
        if (value == null || value.isBlank()) {
            value = target.string(field);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "AzureOptions[resourceName=" + resourceName + ", deploymentId=" + deploymentId
                + ", apiVersion=" + apiVersion + ", adToken=" + (adToken == null ? "null" : "***") + "]";
    }
}
