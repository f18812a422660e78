package io.gatehouse.provider.bedrock;

import io.gatehouse.http.RequestHeaders;
import io.gatehouse.provider.TargetFields;

/**
 * Bedrock's per-target options, read in this one place: from Portkey's {@code x-portkey-aws-*} headers,
 * else from the target's fields ({@code aws_region}, {@code aws_auth_type}, {@code aws_access_key_id}, …).
 * A catalog entry's calls carry no gateway headers, so only its own fields count there. Secrets are never
 * logged or echoed.
 *
 * @param region          the AWS region, or null for {@value #DEFAULT_REGION}
 * @param authType        {@code apiKey} for a Bedrock API key ({@code Authorization: Bearer}), else null
 * @param accessKeyId     an access key given with the request, or null
 * @param secretAccessKey its secret, or null
 * @param sessionToken    its session token, or null
 */
public record BedrockOptions(String region, String authType, String accessKeyId, String secretAccessKey, String sessionToken) {
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String API_KEY_AUTH = "apiKey";

    public static BedrockOptions read(RequestHeaders headers, TargetFields target) {
        return new BedrockOptions(
                pick(headers, "x-portkey-aws-region", target, "aws_region"),
                pick(headers, "x-portkey-aws-auth-type", target, "aws_auth_type"),
                pick(headers, "x-portkey-aws-access-key-id", target, "aws_access_key_id"),
                pick(headers, "x-portkey-aws-secret-access-key", target, "aws_secret_access_key"),
                pick(headers, "x-portkey-aws-session-token", target, "aws_session_token"));
    }

    /** The region calls go to: the option when it is a region name, else {@value #DEFAULT_REGION}. */
    public String regionOrDefault() {
        return region != null && region.matches("[a-z]{2}(-[a-z]+)+-\\d{1,2}") ? region : DEFAULT_REGION;
    }

    /** The access key given with the request or target, or null. */
    public AwsCredentials givenCredentials() {
        return accessKeyId != null && secretAccessKey != null ? new AwsCredentials(accessKeyId, secretAccessKey, sessionToken) : null;
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
        return "BedrockOptions[region=" + region + ", authType=" + authType + ", accessKeyId=" + accessKeyId
                + ", secret=" + (secretAccessKey == null ? "null" : "***") + "]";
    }
}
