package io.gatehouse.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.gatehouse.http.RequestHeaders;
import io.gatehouse.model.Json;
import io.gatehouse.testing.FixtureFiles;
import io.gatehouse.testing.JsonAssertions;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Cohere-shaped rerank ⇄ each translating provider's own rerank API, over the fixtures in
 * {@code providers/<slug>/rerank/}: the native URL and body a Cohere request becomes, and the Cohere-shaped
 * answer a native one becomes (its generated id aside).
 */
class RerankFixturesTest {
    private static final ProviderRegistry PROVIDERS = ProviderRegistry.defaults();

    @TestFactory
    Stream<DynamicTest> cohereRerankBecomesBedrockRerankAndBack() {
        return FixtureFiles.list("/providers", "rerank", ".json").map(f -> dynamicTest(f.name(), () -> {
            JsonObject fixture = FixtureFiles.read(f.path());
            String region = Json.string(fixture, "region");
            RerankTranslator rerank = ((RerankTranslating) PROVIDERS.resolve(f.group()).api()).rerank();
            ProviderCall call = new ProviderCall(PROVIDERS.resolve(f.group()), "test-key", null,
                    RequestHeaders.of(Map.of()), field -> "aws_region".equals(field) ? region : null);
            JsonObject cohere = fixture.getJsonObject("cohere");
            NativeRequest request = rerank.request(cohere, call);
            JsonObject expect = fixture.getJsonObject("expect");
            assertEquals(expect.getString("url"), request.endpoint().uri().toString());
            assertEquals(JsonAssertions.pretty(expect.getJsonObject("body")), JsonAssertions.pretty(request.body()));
            if (expect.containsKey("headers")) {
                assertEquals(expect.getJsonObject("headers").getString("Authorization"), request.endpoint().headers().get(0).value());
            }

            JsonObject answer = rerank.response(fixture.getJsonObject("native"), cohere);
            assertTrue(answer.getString("id").matches("[0-9a-f-]{36}"), answer.getString("id"));
            JsonObject withoutId = Json.PROVIDER.createObjectBuilder(answer).remove("id").build();
            assertEquals(JsonAssertions.pretty(fixture.getJsonObject("expect_answer")), JsonAssertions.pretty(withoutId));
        }));
    }
}
