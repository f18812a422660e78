package io.gatehouse.provider.bedrock;

import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.Header;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.NativeRequest;
import io.gatehouse.provider.ProviderCall;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a Bedrock request goes and how it is authenticated. The host is the region's
 * ({@code https://bedrock-runtime.{region}.amazonaws.com}, {@code bedrock-agent-runtime} for rerank) or the
 * target's custom host (a VPC endpoint). The credentials, in order: a Bedrock API key when
 * {@code aws_auth_type} is {@code apiKey}; an access key given with the target
 * ({@code x-portkey-aws-access-key-id} …); the provider key, read as {@code ID:SECRET[:TOKEN]}, or as a Bedrock
 * API key when it has no colon; for a catalog entry without keys, the gateway's own {@link AwsCredentialChain}.
 * Access keys sign the request with SigV4 (service {@value #SERVICE}); API keys go as {@code Authorization: Bearer}.
 */
final class BedrockRequests {
    static final String SERVICE = "bedrock";

    /** Bedrock's two APIs, each on its own host. */
    enum Api {
        RUNTIME("bedrock-runtime"), AGENT_RUNTIME("bedrock-agent-runtime");

        private final String hostPrefix;

        Api(String hostPrefix) {
            this.hostPrefix = hostPrefix;
        }
    }

    /** How one call authenticates: exactly one of the two is set. */
    record Credentials(AwsCredentials accessKey, String apiKey) {
    }

    private final AwsCredentialChain chain;
    private final Clock clock;

    BedrockRequests(AwsCredentialChain chain, Clock clock) {
        this.chain = chain;
        this.clock = clock;
    }

    /** The request to {@code path} on {@code api}, its body exactly as it will be sent, signed when signing applies. */
    NativeRequest post(ProviderCall call, Api api, String path, JsonObject body) {
        BedrockOptions options = BedrockOptions.read(call.clientHeaders(), call.targetFields());
        String base = call.customHost() != null ? call.customHost().replaceAll("/+$", "")
                : "https://" + api.hostPrefix + "." + options.regionOrDefault() + ".amazonaws.com";
        URI uri = URI.create(base + path);
        Credentials credentials = credentials(call, options);
        List<Header> headers = new ArrayList<>();
        if (credentials.apiKey() != null) {
            headers.add(new Header("Authorization", "Bearer " + credentials.apiKey()));
        } else {
            headers.addAll(signedHeaders(uri, NativeRequest.bytes(body), credentials.accessKey(), options.regionOrDefault()));
        }
        return new NativeRequest(new Endpoint(uri, headers), body);
    }

    Credentials credentials(ProviderCall call, BedrockOptions options) {
        String key = call.apiKey() == null || call.apiKey().isBlank() ? null : call.apiKey().strip();
        if (BedrockOptions.API_KEY_AUTH.equalsIgnoreCase(options.authType())) {
            if (key == null) {
                throw missing("aws_auth_type apiKey needs a Bedrock API key as the provider key");
            }
            return new Credentials(null, key);
        }
        AwsCredentials given = options.givenCredentials();
        if (given != null) {
            return new Credentials(given, null);
        }
        if (key != null) {
            AwsCredentials parsed = AwsCredentials.parseKey(key);
            return parsed != null ? new Credentials(parsed, null) : new Credentials(null, key);
        }
        if (call.operatorCredentials()) {
            return new Credentials(chain.credentials(), null);
        }
        throw missing("send an AWS access key (x-portkey-aws-access-key-id and x-portkey-aws-secret-access-key) or a Bedrock API key "
                + "(Authorization: Bearer), or use a catalog entry");
    }

    /** {@code X-Amz-Date}, {@code X-Amz-Security-Token} when there is one, and the SigV4 {@code Authorization}. */
    List<Header> signedHeaders(URI uri, byte[] body, AwsCredentials key, String region) {
        String amzDate = SigV4Signer.amzDate(clock.instant());
        List<Header> signed = new ArrayList<>();
        signed.add(new Header("Host", hostHeader(uri)));
        signed.add(new Header("X-Amz-Date", amzDate));
        if (key.sessionToken() != null) {
            signed.add(new Header("X-Amz-Security-Token", key.sessionToken()));
        }
        SigV4Signer.Signature signature = SigV4Signer.sign("POST", uri.getRawPath(), uri.getRawQuery(), signed, body, key, region,
                SERVICE, amzDate);
        List<Header> out = new ArrayList<>(signed.subList(1, signed.size())); // the HTTP client sends Host itself
        out.add(new Header("Authorization", signature.authorization()));
        return out;
    }

    /** {@code Host} as the HTTP client sends it: the port only when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == 443 && "https".equals(uri.getScheme()) || port == 80 && "http".equals(uri.getScheme());
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    private static GatewayException missing(String message) {
        return new GatewayException(ErrorType.AUTHENTICATION, "aws_credentials_missing", "bedrock: " + message);
    }
}
