package io.gatehouse.guardrails;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.gatehouse.egress.HostPolicy;
import io.gatehouse.testing.Fixtures;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checks that call out — webhook, log, jwt — against a local server on 127.0.0.1. */
class RemoteChecksTest {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private HttpServer server;
    private final AtomicReference<String> answer = new AtomicReference<>("{}");
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final Egress egress = new Egress(HostPolicy.selfHostedDefault());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("x-secret") + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            if (exchange.getRequestURI().getPath().equals("/jwks")) {
                jwksFetches.incrementAndGet();
            }
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static CheckInput request(Map<String, String> headers) {
        return CheckInput.request("chatComplete",
                Fixtures.object("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"), "m", Map.of("team", "a"),
                name -> headers.get(name.toLowerCase()));
    }

    @Test
    void theWebhookGetsTheContextAndDecides() throws Exception {
        RemoteChecks checks = new RemoteChecks(egress);
        answer.set("{\"verdict\":true,\"transformedData\":{\"request\":{\"json\":{\"model\":\"m\",\"messages\":[]}}}}");
        CheckResult result = checks.webhook(request(Map.of()), new Parameters(Fixtures.object(
                "{\"webhookURL\":\"" + url("/hook") + "\",\"headers\":\"{\\\"x-secret\\\":\\\"s\\\"}\"}")));
        assertTrue(result.verdict());
        assertEquals(Fixtures.object("{\"model\":\"m\",\"messages\":[]}"), result.transform().apply(null));
        String sent = received.get(0);
        assertTrue(sent.startsWith("s "), "the configured headers are sent");
        JsonObject context = Fixtures.object(sent.substring(2));
        assertEquals("Hello", context.getJsonObject("request").getString("text"));
        assertEquals("beforeRequestHook", context.getString("eventType"));
        assertEquals("a", context.getJsonObject("metadata").getString("team"));

        answer.set("{\"verdict\":\"yes\"}");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> checks.webhook(request(Map.of()),
                new Parameters(Fixtures.object("{\"webhookURL\":\"" + url("/hook") + "\"}"))));
        assertTrue(e.getMessage().contains("no boolean verdict"));
    }

    @Test
    void theLogPassesOnceTheEndpointTookTheContext() throws Exception {
        CheckResult result = new RemoteChecks(egress).log(request(Map.of()).answer(Fixtures.object(
                "{\"choices\":[{\"message\":{\"content\":\"Hi there\"}}]}")), new Parameters(Fixtures.object("{\"logURL\":\"" + url("/log") + "\"}")));
        assertTrue(result.verdict());
        JsonObject context = Fixtures.object(received.get(0).substring(received.get(0).indexOf(' ') + 1));
        assertEquals("Hi there", context.getJsonObject("response").getString("text"));
        assertEquals("afterRequestHook", context.getString("eventType"));
    }

    private static String token(String alg, KeyPair keys, String kid, String claims) throws Exception {
        String head = B64.encodeToString(("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\"}").getBytes(StandardCharsets.UTF_8));
        String body = B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance(alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
        signer.initSign(keys.getPrivate());
        signer.update((head + "." + body).getBytes(StandardCharsets.US_ASCII));
        return head + "." + body + "." + B64.encodeToString(signer.sign());
    }

    private static String unsigned(BigInteger n, int length) {
        byte[] bytes = n.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(bytes.length, length);
        System.arraycopy(bytes, bytes.length - copy, out, length - copy, copy);
        return B64.encodeToString(out);
    }

    @Test
    void aJwtSignedByAJwksKeyAndCurrentPassesAndEveryOtherFails() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair rsaKeys = rsa.generateKeyPair();
        KeyPair otherKeys = rsa.generateKeyPair();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ecKeys = ec.generateKeyPair();
        RSAPublicKey rsaPublic = (RSAPublicKey) rsaKeys.getPublic();
        ECPublicKey ecPublic = (ECPublicKey) ecKeys.getPublic();
        answer.set("{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"r1\",\"n\":\"" + B64.encodeToString(rsaPublic.getModulus().toByteArray())
                + "\",\"e\":\"" + B64.encodeToString(rsaPublic.getPublicExponent().toByteArray()) + "\"},"
                + "{\"kty\":\"EC\",\"kid\":\"e1\",\"crv\":\"P-256\",\"x\":\"" + unsigned(ecPublic.getW().getAffineX(), 32)
                + "\",\"y\":\"" + unsigned(ecPublic.getW().getAffineY(), 32) + "\"}]}");
        long now = Instant.now().getEpochSecond();
        String current = "{\"sub\":\"u\",\"iat\":" + now + ",\"exp\":" + (now + 600) + "}";
        JwtCheck jwt = new JwtCheck(egress);
        Parameters p = new Parameters(Fixtures.object("{\"jwksUri\":\"" + url("/jwks") + "\",\"headerKey\":\"x-user-token\"}"));

        assertTrue(jwt.check(request(Map.of("x-user-token", "Bearer " + token("RS256", rsaKeys, "r1", current))), p).verdict());
        assertTrue(jwt.check(request(Map.of("x-user-token", token("ES256", ecKeys, "e1", current))), p).verdict());
        assertEquals(1, jwksFetches.get(), "the JWKS is cached");

        assertFalse(jwt.check(request(Map.of("x-user-token", token("RS256", otherKeys, "r1", current))), p).verdict(), "another key's signature");
        assertFalse(jwt.check(request(Map.of("x-user-token", token("RS256", rsaKeys, "r1",
                "{\"exp\":" + (now - 60) + "}"))), p).verdict(), "expired");
        assertFalse(jwt.check(request(Map.of("x-user-token", token("RS256", rsaKeys, "r1",
                "{\"iat\":" + (now - 3 * 86_400) + "}"))), p).verdict(), "older than maxTokenAge");
        String good = token("RS256", rsaKeys, "r1", current);
        String tampered = good.substring(0, good.indexOf('.') + 1) + B64.encodeToString("{\"sub\":\"admin\"}".getBytes(StandardCharsets.UTF_8))
                + good.substring(good.lastIndexOf('.'));
        assertFalse(jwt.check(request(Map.of("x-user-token", tampered)), p).verdict(), "claims changed after signing");
        CheckResult unknownKid = jwt.check(request(Map.of("x-user-token", token("RS256", rsaKeys, "r9", current))), p);
        assertFalse(unknownKid.verdict());
        assertEquals(2, jwksFetches.get(), "an unknown kid fetches the JWKS again");
        assertFalse(unknownKid.data().toString().contains("eyJ"), "the token is never reported");
    }
}
