package io.gatehouse.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.gatehouse.http.RequestHeaders;
import io.gatehouse.model.Json;
import io.gatehouse.provider.NativeRequest;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.provider.RerankTranslating;
import io.gatehouse.provider.RerankTranslator;
import io.gatehouse.testing.FixtureFiles;
import io.gatehouse.testing.JsonAssertions;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Cohere-shaped rerank ⇄ Bedrock's Rerank API, over the fixtures in {@code providers/bedrock/rerank/}. */
class BedrockRerankMapperTest {
    private static final RerankTranslator RERANK =
            ((RerankTranslating) ProviderRegistry.defaults().resolve("bedrock").api()).rerank();

    @TestFactory
    Stream<DynamicTest> cohereRerankBecomesBedrockRerankAndBack() {
        return FixtureFiles.list("/providers", "rerank", ".json").map(f -> dynamicTest(f.name(), () -> {
            JsonObject fixture = FixtureFiles.read(f.path());
            String region = Json.string(fixture, "region");
            ProviderCall call = new ProviderCall(ProviderRegistry.defaults().resolve("bedrock"), "test-key", null,
                    RequestHeaders.of(Map.of()), field -> "aws_region".equals(field) ? region : null);
            JsonObject cohere = fixture.getJsonObject("cohere");
            NativeRequest request = RERANK.request(cohere, call);
            JsonObject expect = fixture.getJsonObject("expect");
            assertEquals(expect.getString("url"), request.endpoint().uri().toString());
            assertEquals(JsonAssertions.pretty(expect.getJsonObject("body")), JsonAssertions.pretty(request.body()));

            JsonObject answer = RERANK.response(fixture.getJsonObject("native"), cohere);
            assertTrue(answer.getString("id").matches("[0-9a-f-]{36}"), answer.getString("id"));
            JsonObject withoutId = Json.PROVIDER.createObjectBuilder(answer).remove("id").build();
            assertEquals(JsonAssertions.pretty(fixture.getJsonObject("expect_answer")), JsonAssertions.pretty(withoutId));
        }));
    }
}
