package io.gatehouse.testing;

import io.gatehouse.model.Json;
import jakarta.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Google service account made up for a test: an RSA key pair generated here, its key file's JSON (pointing at
 * a fake token endpoint), and the checks Google's token endpoint makes on a JWT-bearer grant — the RS256
 * signature against the account's public key, the issuer, audience and scope.
 */
public final class TestServiceAccount {
    public static final String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";
    public static final String GOOGLE_TOKEN_SERVER = "https://oauth2.googleapis.com/token";

    private final String clientEmail;
    private final KeyPair keys;

    private TestServiceAccount(String clientEmail, KeyPair keys) {
        this.clientEmail = clientEmail;
        this.keys = keys;
    }

    public static TestServiceAccount generate(String clientEmail) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new TestServiceAccount(clientEmail, generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String clientEmail() {
        return clientEmail;
    }

    /** The key file, as the Cloud console writes it, with {@code tokenUri} as its token endpoint. */
    public String keyFile(String projectId, String tokenUri) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return Json.object().add("type", "service_account").add("project_id", projectId).add("private_key_id", "test-key-id")
                .add("private_key", pem).add("client_email", clientEmail).add("client_id", "1234567890")
                .add("auth_uri", "https://accounts.google.com/o/oauth2/auth").add("token_uri", tokenUri)
                .add("universe_domain", "googleapis.com").build().toString();
    }

    /**
     * Checks a token request's form body as Google would: a JWT-bearer grant whose assertion is signed with this
     * account's key, issued by it, for Google's token server (the audience Google's auth library always names,
     * whatever the key file's {@code token_uri}) and the cloud-platform scope.
     *
     * @return the assertion's claims
     * @throws AssertionError when any check fails
     */
    public JsonObject verifyGrant(String formBody) {
        Map<String, String> form = form(formBody);
        check("urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type")), "grant_type " + form.get("grant_type"));
        String[] jwt = form.getOrDefault("assertion", "").split("\\.");
        check(jwt.length == 3, "assertion is not a signed JWT");
        JsonObject header = decode(jwt[0]);
        check("RS256".equals(Json.string(header, "alg")), "alg " + header);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(keys.getPublic());
            rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
            check(rsa.verify(Base64.getUrlDecoder().decode(jwt[2])), "signature does not verify with the account's public key");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new AssertionError("signature unreadable", e);
        }
        JsonObject claims = decode(jwt[1]);
        check(clientEmail.equals(Json.string(claims, "iss")), "iss " + claims);
        check(GOOGLE_TOKEN_SERVER.equals(Json.string(claims, "aud")), "aud " + Json.string(claims, "aud"));
        check(String.valueOf(Json.string(claims, "scope")).contains(CLOUD_PLATFORM), "scope " + claims);
        check(claims.getJsonNumber("exp").longValue() > claims.getJsonNumber("iat").longValue(), "exp after iat");
        return claims;
    }

    /** The token endpoint's answer. */
    public static String tokenAnswer(String accessToken, int expiresInSeconds) {
        return Json.object().add("access_token", accessToken).add("expires_in", expiresInSeconds).add("token_type", "Bearer")
                .build().toString();
    }

    private static JsonObject decode(String part) {
        return Json.parse(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)).asJsonObject();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError("token grant refused: " + what);
        }
    }
}
