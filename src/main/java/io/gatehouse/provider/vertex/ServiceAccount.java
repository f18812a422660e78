package io.gatehouse.provider.vertex;

import com.google.api.client.http.HttpResponseException;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.model.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A Google service-account key (the JSON file the Cloud console downloads), exchanged for an OAuth access token
 * by Google's auth library: a JWT signed RS256 with the key, posted to the account's {@code token_uri}. The
 * operator's accounts (model catalog) may name any token endpoint; a client's may name only Google's, so that
 * no request can make the gateway post to a host of the client's choosing.
 *
 * @param json      the key file's text
 * @param projectId the account's project, or null
 * @param tokenUri  where its tokens are issued
 */
record ServiceAccount(String json, String projectId, URI tokenUri) {
    static final String CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    static final URI GOOGLE_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");
    private static final Set<String> GOOGLE_TOKEN_URIS = Set.of(GOOGLE_TOKEN_URI.toString(),
            "https://accounts.google.com/o/oauth2/token", "https://www.googleapis.com/oauth2/v4/token");
    private static final Logger LOG = Logger.getLogger(ServiceAccount.class.getName());

    /** Whether a provider key is a service-account key (JSON) rather than an access token. */
    static boolean looksLikeKeyFile(String key) {
        return key.stripLeading().startsWith("{");
    }

    /**
     * Reads a key file; {@code source} names where it came from for the error message (never its content).
     *
     * @param operators whether it is the operator's (its token endpoint is then trusted)
     */
    static ServiceAccount parse(String json, String source, boolean operators) {
        JsonObject key = Json.parseObjectOrNull(json);
        if (key == null || !"service_account".equals(Json.string(key, "type"))
                || Json.string(key, "client_email") == null || Json.string(key, "private_key") == null) {
            throw GatewayException.badRequest("invalid_provider_options", "vertex-ai: " + source
                    + " is not a service-account key (a JSON object with type \"service_account\", client_email and private_key)");
        }
        String tokenUri = Json.string(key, "token_uri");
        URI uri = tokenUri == null ? GOOGLE_TOKEN_URI : httpUri(tokenUri);
        if (uri == null) {
            throw GatewayException.badRequest("invalid_provider_options", "vertex-ai: the token_uri of " + source
                    + " is not an http(s) URL");
        }
        if (!operators && !GOOGLE_TOKEN_URIS.contains(uri.toString())) {
            throw GatewayException.badRequest("invalid_provider_options", "vertex-ai: the token_uri of " + source
                    + " must be Google's (" + GOOGLE_TOKEN_URI + "); other token endpoints are allowed in the model catalog only");
        }
        return new ServiceAccount(json, Json.string(key, "project_id"), uri);
    }

    private static URI httpUri(String text) {
        try {
            URI uri = new URI(text);
            boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            return http && uri.getHost() != null ? uri : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** Names this account in the token cache: a digest of the whole key, so another key never shares its token. */
    String cacheKey() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new access token for the cloud-platform scope; a 502 when the token endpoint refuses or cannot be reached. */
    AccessTokens.Token exchange() {
        try {
            GoogleCredentials credentials = ServiceAccountCredentials
                    .fromStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
                    .createScoped(List.of(CLOUD_PLATFORM_SCOPE));
            AccessToken token = credentials.refreshAccessToken();
            if (token == null || token.getTokenValue() == null || token.getExpirationTime() == null) {
                throw failed("answered without a token and its expiry", null);
            }
            return new AccessTokens.Token(token.getTokenValue(), token.getExpirationTime().toInstant());
        } catch (IOException e) {
            HttpResponseException answer = cause(e);
            throw failed(answer != null ? "answered HTTP " + answer.getStatusCode() : "could not be reached", e);
        }
    }

    private GatewayException failed(String what, Exception cause) {
        // The library's messages may quote the endpoint's answer; only the status goes to the client and the log.
        LOG.log(Level.WARNING, "vertex-ai: token exchange at {0} {1}", new Object[] {tokenUri.getHost(), what});
        return new GatewayException(ErrorType.UPSTREAM_UNREACHABLE, 502, "provider_auth_failed",
                "vertex-ai: the service account's token endpoint (" + tokenUri.getHost() + ") " + what, null);
    }

    private static HttpResponseException cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpResponseException answer) {
                return answer;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "ServiceAccount[projectId=" + projectId + ", tokenUri=" + tokenUri + "]";
    }
}
