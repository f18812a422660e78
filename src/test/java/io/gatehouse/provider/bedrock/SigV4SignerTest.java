package io.gatehouse.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.gatehouse.http.Header;
import io.gatehouse.model.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The signer against AWS's published Signature Version 4 test suite ({@code bedrock/sigv4-vectors.json}, ten of
 * its cases): each step — canonical request, string to sign, {@code Authorization} — must be AWS's byte for byte.
 */
class SigV4SignerTest {

    @TestFactory
    Stream<DynamicTest> awsTestSuiteVectors() throws IOException {
        JsonObject suite;
        try (InputStream in = getClass().getResourceAsStream("/bedrock/sigv4-vectors.json")) {
            suite = Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).asJsonObject();
        }
        JsonObject config = suite.getJsonObject("config");
        AwsCredentials key = new AwsCredentials(config.getString("accessKeyId"), config.getString("secretAccessKey"), null);
        return suite.getJsonArray("vectors").getValuesAs(JsonObject.class).stream().map(v -> dynamicTest(v.getString("name"), () -> {
            List<Header> headers = new ArrayList<>();
            String amzDate = null;
            for (JsonValue pair : v.getJsonArray("headers")) {
                JsonArray h = pair.asJsonArray();
                headers.add(new Header(h.getString(0), h.getString(1)));
                if (h.getString(0).equalsIgnoreCase("x-amz-date")) {
                    amzDate = h.getString(1);
                }
            }
            SigV4Signer.Signature signed = SigV4Signer.sign(v.getString("method"), v.getString("path"), v.getString("query"), headers,
                    v.getString("body").getBytes(StandardCharsets.UTF_8), key, config.getString("region"), config.getString("service"),
                    amzDate);
            assertEquals(v.getString("canonical_request"), signed.canonicalRequest(), "canonical request");
            assertEquals(v.getString("string_to_sign"), signed.stringToSign(), "string to sign");
            assertEquals(v.getString("authorization"), signed.authorization(), "Authorization");
        }));
    }

    @Test
    void modelIdsInThePathAreEncodedOnceMoreAsEveryServiceButS3Expects() {
        assertEquals("/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse",
                SigV4Signer.canonicalPath("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse"));
        assertEquals("/", SigV4Signer.canonicalPath(""));
    }

    @Test
    void queryParametersAreDecodedReEncodedAndSortedByNameThenValue() {
        assertEquals("a=1&a=2&b=%20x&c=", SigV4Signer.canonicalQuery("b=%20x&a=2&c&a=1"));
    }
}
