package io.gatehouse.guardrails;

import io.gatehouse.model.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code default.jwt}: the request carries a JSON Web Token (in {@code headerKey}, default
 * {@code Authorization}, {@code Bearer } optional) signed by a key of the JWKS at {@code jwksUri} (RS256/384/512,
 * PS256/384/512, ES256/384/512), not expired nor before its {@code nbf} (give or take {@code clockTolerance}
 * seconds, default 5), and not older than {@code maxTokenAge} ({@code 30s}, {@code 15m}, {@code 2h}, {@code 1d};
 * default {@code 1d}) by its {@code iat}. The JWKS is fetched through the host policy and kept
 * {@code cacheMaxAge} seconds (default 86400); a token naming a key it lacks fetches it again. The token
 * itself never appears in results.
 */
final class JwtCheck {
    private static final Pattern AGE = Pattern.compile("(\\d+)\\s*([smhd]?)");
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    private final Egress egress;
    private final Supplier<Instant> clock;
    private final Map<String, CachedKeys> jwks = new ConcurrentHashMap<>();

    JwtCheck(Egress egress) {
        this(egress, Instant::now);
    }

    JwtCheck(Egress egress, Supplier<Instant> clock) {
        this.egress = egress;
        this.clock = clock;
    }

    private record CachedKeys(JsonObject keys, Instant fetched) {
    }

    void register(Map<String, Check> checks) {
        checks.put("default.jwt", this::check);
    }

    CheckResult check(CheckInput in, Parameters p) throws IOException, InterruptedException {
        String jwksUri = p.required("jwksUri");
        String headerKey = p.string("headerKey") == null ? "Authorization" : p.string("headerKey");
        Duration cacheMaxAge = Duration.ofSeconds(p.integer("cacheMaxAge", 86_400));
        long tolerance = p.integer("clockTolerance", 5);
        Duration maxAge = maxTokenAge(p);
        String header = in.header().apply(headerKey);
        if (header == null || header.isBlank()) {
            return fail("No token in header " + headerKey + ".");
        }
        String token = header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : header.strip();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return fail("The token is not a signed JWT.");
        }
        JsonObject head;
        JsonObject claims;
        try {
            head = Json.parseObjectOrNull(new String(B64.decode(parts[0]), StandardCharsets.UTF_8));
            claims = Json.parseObjectOrNull(new String(B64.decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return fail("The token is not valid base64url.");
        }
        if (head == null || claims == null) {
            return fail("The token's header or claims are not JSON.");
        }
        String alg = Json.string(head, "alg");
        String kid = Json.string(head, "kid");
        JsonObject jwk = key(jwksUri, kid, cacheMaxAge, false);
        if (jwk == null) {
            jwk = key(jwksUri, kid, cacheMaxAge, true);
        }
        if (jwk == null) {
            return fail("No key of the JWKS matches the token's kid.");
        }
        try {
            if (!verify(alg, jwk, (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), B64.decode(parts[2]))) {
                return fail("The token's signature does not verify.");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return fail("The token's signature cannot be checked: " + e.getMessage());
        }
        long now = clock.get().getEpochSecond();
        Long exp = seconds(claims, "exp");
        Long nbf = seconds(claims, "nbf");
        Long iat = seconds(claims, "iat");
        if (exp != null && now > exp + tolerance) {
            return fail("The token has expired.");
        }
        if (nbf != null && now < nbf - tolerance) {
            return fail("The token is not valid yet.");
        }
        if (iat != null && now - iat > maxAge.toSeconds() + tolerance) {
            return fail("The token is older than maxTokenAge.");
        }
        return CheckResult.of(true, Json.object().add("verified", true).add("explanation", "The JWT is valid.").build());
    }

    private static CheckResult fail(String explanation) {
        return CheckResult.of(false, Json.object().add("verified", false).add("explanation", explanation).build());
    }

    private static Duration maxTokenAge(Parameters p) {
        JsonValue raw = p.raw("maxTokenAge");
        if (raw instanceof JsonNumber n) {
            return Duration.ofSeconds(n.longValue());
        }
        String text = p.string("maxTokenAge") == null ? "1d" : p.string("maxTokenAge").strip();
        Matcher m = AGE.matcher(text);
        if (!m.matches()) {
            throw new Parameters.InvalidParameterException("maxTokenAge must be like 30s, 15m, 2h or 1d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static Long seconds(JsonObject claims, String name) {
        return claims.get(name) instanceof JsonNumber n ? n.longValue() : null;
    }

    /** The JWKS key with {@code kid} (or its only key when the token names none), from the cache unless {@code refresh}. */
    private JsonObject key(String uri, String kid, Duration maxAge, boolean refresh) throws IOException, InterruptedException {
        CachedKeys cached = jwks.get(uri);
        if (refresh || cached == null || cached.fetched().plus(maxAge).isBefore(clock.get())) {
            Egress.Answer answer = egress.get(uri, "jwksUri", Duration.ofSeconds(5));
            JsonObject keys = Json.parseObjectOrNull(answer.body());
            if (answer.status() / 100 != 2 || keys == null) {
                throw new IOException("the JWKS could not be fetched (HTTP " + answer.status() + ")");
            }
            cached = new CachedKeys(keys, clock.get());
            jwks.put(uri, cached);
        }
        var list = Json.array(cached.keys(), "keys");
        for (JsonValue k : list) {
            if (k instanceof JsonObject key && (kid == null ? list.size() == 1 : kid.equals(Json.string(key, "kid")))) {
                return key;
            }
        }
        return null;
    }

    static boolean verify(String alg, JsonObject jwk, byte[] signed, byte[] signature) throws GeneralSecurityException {
        if (alg == null) {
            throw new GeneralSecurityException("no alg");
        }
        String javaAlg = switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "RS384" -> "SHA384withRSA";
            case "RS512" -> "SHA512withRSA";
            case "PS256", "PS384", "PS512" -> "RSASSA-PSS";
            case "ES256" -> "SHA256withECDSAinP1363Format";
            case "ES384" -> "SHA384withECDSAinP1363Format";
            case "ES512" -> "SHA512withECDSAinP1363Format";
            default -> throw new GeneralSecurityException("algorithm " + alg + " is not accepted");
        };
        Signature verifier = Signature.getInstance(javaAlg);
        if (alg.startsWith("PS")) {
            int bits = Integer.parseInt(alg.substring(2));
            String hash = "SHA-" + bits;
            verifier.setParameter(new java.security.spec.PSSParameterSpec(hash, "MGF1",
                    new java.security.spec.MGF1ParameterSpec(hash), bits / 8, 1));
        }
        verifier.initVerify(publicKey(jwk, alg));
        verifier.update(signed);
        return verifier.verify(signature);
    }

    private static PublicKey publicKey(JsonObject jwk, String alg) throws GeneralSecurityException {
        String kty = Json.string(jwk, "kty");
        if ("RSA".equals(kty) && !alg.startsWith("ES")) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    unsigned(Json.string(jwk, "n")), unsigned(Json.string(jwk, "e"))));
        }
        if ("EC".equals(kty) && alg.startsWith("ES")) {
            String curve = switch (String.valueOf(Json.string(jwk, "crv"))) {
                case "P-256" -> "secp256r1";
                case "P-384" -> "secp384r1";
                case "P-521" -> "secp521r1";
                default -> throw new GeneralSecurityException("unknown curve");
            };
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec(curve));
            ECPoint point = new ECPoint(unsigned(Json.string(jwk, "x")), unsigned(Json.string(jwk, "y")));
            return KeyFactory.getInstance("EC").generatePublic(
                    new ECPublicKeySpec(point, params.getParameterSpec(ECParameterSpec.class)));
        }
        throw new GeneralSecurityException("the key's type does not fit " + alg);
    }

    private static BigInteger unsigned(String base64url) throws GeneralSecurityException {
        if (base64url == null) {
            throw new GeneralSecurityException("the key lacks a member");
        }
        return new BigInteger(1, B64.decode(base64url));
    }
}
