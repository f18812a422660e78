package io.gatehouse.provider.bedrock;

/**
 * An AWS access key: its id, secret and, for temporary credentials, the session token. Never logged:
 * {@link #toString()} shows the key id only.
 *
 * @param sessionToken the session token, or null for long-term keys
 */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    public AwsCredentials {
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("an AWS access key needs its id and secret");
        }
        sessionToken = sessionToken == null || sessionToken.isBlank() ? null : sessionToken;
    }

    /**
     * A catalog key written {@code ACCESS_KEY_ID:SECRET_ACCESS_KEY[:SESSION_TOKEN]}, or null when the key
     * has no colon (then it is a Bedrock API key: base64 has none).
     */
    public static AwsCredentials parseKey(String key) {
        if (key == null || key.indexOf(':') < 0) {
            return null;
        }
        String[] parts = key.strip().split(":", 3);
        if (parts.length < 2 || parts[0].isBlank() || parts[1].isBlank()) {
            return null;
        }
        return new AwsCredentials(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", secret=***" + (sessionToken != null ? ", session token" : "") + "]";
    }
}
