package io.gatehouse.provider.vertex;

import io.gatehouse.provider.ProviderCall;

/**
 * Vertex AI's per-target options, read in this one place: from the {@code x-portkey-vertex-*} headers, else from
 * the target's config fields (Portkey's names). A header wins over the same field. A catalog entry's calls carry
 * no such headers: its own fields hold.
 *
 * @param projectId          the Google Cloud project, or null (then the service account's)
 * @param region             the region ({@code us-central1}, {@code europe-west4}, {@code global}), or null
 * @param serviceAccountJson a service-account key file's JSON, or null (never logged)
 */
record VertexOptions(String projectId, String region, String serviceAccountJson) {
    static final String PROJECT_ID = "x-portkey-vertex-project-id";
    static final String REGION = "x-portkey-vertex-region";
    static final String SERVICE_ACCOUNT_JSON = "x-portkey-vertex-service-account-json";

    static VertexOptions read(ProviderCall call) {
        return new VertexOptions(
                pick(call, PROJECT_ID, "vertex_project_id"),
                pick(call, REGION, "vertex_region"),
                pick(call, SERVICE_ACCOUNT_JSON, "vertex_service_account_json"));
    }

    private static String pick(ProviderCall call, String header, String field) {
        String value = call.clientHeaders().first(header);
        if (value == null || value.isBlank()) {
            value = call.targetFields().string(field);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Override
    public String toString() {
        return "VertexOptions[projectId=" + projectId + ", region=" + region + ", serviceAccountJson="
                + (serviceAccountJson == null ? "null" : "***") + "]";
    }
}
