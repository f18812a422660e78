package io.gatehouse.provider.bedrock;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway's own AWS credentials: which source applies is decided from the environment and files
 * alone; the two fetched sources are fetched through a fake here, never a metadata address.
 */
class AwsCredentialChainTest {
    private static final String ROLE_ANSWER = "{\"Code\":\"Success\",\"AccessKeyId\":\"ASIAROLE\",\"SecretAccessKey\":\"role-secret\","
            + "\"Token\":\"role-token\",\"Expiration\":\"2026-12-05T12:00:00Z\"}";

    @TempDir
    Path home;
    private final Map<String, String> env = new HashMap<>();
    private final List<String> fetched = new ArrayList<>();
    private Instant now = Instant.parse("2026-12-05T10:00:00Z");

    private AwsCredentialChain chain() {
        return new AwsCredentialChain(env::get, home, this::fakeFetch, new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        });
    }

    private String fakeFetch(String method, URI uri, Map<String, String> headers) throws IOException {
        fetched.add(method + " " + uri + " " + new java.util.TreeMap<>(headers));
        String path = uri.getPath();
        if (path.equals("/latest/api/token")) {
            return "imds-token";
        }
        if (path.equals("/latest/meta-data/iam/security-credentials/")) {
            return "gateway-role\n";
        }
        return ROLE_ANSWER;
    }

    @Test
    void environmentVariablesComeFirst() throws IOException {
        env.put("AWS_ACCESS_KEY_ID", "AKIAENV");
        env.put("AWS_SECRET_ACCESS_KEY", "env-secret");
        env.put("AWS_SESSION_TOKEN", "env-token");
        writeProfile("default", "AKIAFILE", "file-secret");
        AwsCredentialChain.Source source = chain().source();
        assertEquals(new AwsCredentials("AKIAENV", "env-secret", "env-token"),
                assertInstanceOf(AwsCredentialChain.Source.Environment.class, source).credentials());
        assertEquals(List.of(), fetched);
    }

    @Test
    void theProfileFileNamedByAwsProfileComesNext() throws IOException {
        writeProfile("default", "AKIADEFAULT", "default-secret");
        env.put("AWS_PROFILE", "gateway");
        Files.writeString(home.resolve(".aws/credentials"), "\n[gateway]\naws_access_key_id = AKIAGW\naws_secret_access_key=gw-secret\n"
                + "region = eu-west-1\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(new AwsCredentials("AKIAGW", "gw-secret", null), chain().credentials());
        env.remove("AWS_PROFILE");
        assertEquals(new AwsCredentials("AKIADEFAULT", "default-secret", null), chain().credentials());
        assertEquals(List.of(), fetched);
    }

    @Test
    void aContainerRelativeUriGoesToTheEcsAgentWithItsToken() throws IOException {
        env.put("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc");
        Path tokenFile = home.resolve("token");
        Files.writeString(tokenFile, "pod-token\n");
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFile.toString());
        AwsCredentialChain chain = chain();
        AwsCredentialChain.Source.Container source = assertInstanceOf(AwsCredentialChain.Source.Container.class, chain.source());
        assertEquals(URI.create("http://169.254.170.2/v2/credentials/abc"), source.uri());
        assertEquals(List.of(), fetched, "deciding the source connects nowhere");
        assertEquals(new AwsCredentials("ASIAROLE", "role-secret", "role-token"), chain.credentials());
        assertEquals(List.of("GET http://169.254.170.2/v2/credentials/abc {Authorization=pod-token}"), fetched);
    }

    @Test
    void withNothingElseTheInstanceRoleIsFetchedWithImdsV2AndKeptUntilFiveMinutesBeforeItExpires() {
        AwsCredentialChain chain = chain();
        assertInstanceOf(AwsCredentialChain.Source.InstanceRole.class, chain.source());
        assertEquals(List.of(), fetched);
        assertEquals(new AwsCredentials("ASIAROLE", "role-secret", "role-token"), chain.credentials());
        assertEquals(List.of(
                "PUT http://169.254.169.254/latest/api/token {X-aws-ec2-metadata-token-ttl-seconds=21600}",
                "GET http://169.254.169.254/latest/meta-data/iam/security-credentials/ {X-aws-ec2-metadata-token=imds-token}",
                "GET http://169.254.169.254/latest/meta-data/iam/security-credentials/gateway-role {X-aws-ec2-metadata-token=imds-token}"),
                fetched);
        now = Instant.parse("2026-12-05T11:54:59Z");
        chain.credentials();
        assertEquals(3, fetched.size(), "kept while more than five minutes remain");
        now = Instant.parse("2026-12-05T11:55:01Z");
        chain.credentials();
        assertEquals(6, fetched.size(), "fetched again shortly before expiry");
    }

    @Test
    void noCredentialsAnywhereIsA502ThatNamesNoSecret() {
        AwsCredentialChain chain = new AwsCredentialChain(env::get, home, (m, u, h) -> {
            throw new IOException("connect timed out");
        }, Clock.systemUTC());
        assertGatewayError(502, "aws_credentials_unavailable", chain::credentials);
    }

    @Test
    void catalogKeysReadAsIdSecretAndOptionalToken() {
        assertEquals(new AwsCredentials("AKID", "se/cr+et", null), AwsCredentials.parseKey("AKID:se/cr+et"));
        assertEquals(new AwsCredentials("ASIA", "secret", "to:ken"), AwsCredentials.parseKey("ASIA:secret:to:ken"));
        assertNull(AwsCredentials.parseKey("ABSKQmVkcm9ja0FQSUtleS1hYmM="), "a Bedrock API key has no colon");
        assertEquals("AwsCredentials[accessKeyId=AKID, secret=***]", AwsCredentials.parseKey("AKID:hidden").toString());
    }

    private void writeProfile(String profile, String id, String secret) throws IOException {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[" + profile + "]\naws_access_key_id=" + id + "\naws_secret_access_key=" + secret + "\n");
    }
}
