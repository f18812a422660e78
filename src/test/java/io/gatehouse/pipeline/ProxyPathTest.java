package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatehouse.error.GatewayException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Prefix stripping and upstream URL building, over the cases in {@code proxy/*.json}. */
class ProxyPathTest {

    static Stream<Arguments> upstreamUrls() throws IOException {
        return cases("/proxy/upstream-urls.json");
    }

    static Stream<Arguments> refusedPaths() throws IOException {
        return cases("/proxy/refused-paths.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("upstreamUrls")
    void buildsTheUpstreamUrlFromTheRawPathAndQuery(String name, JsonObject c) {
        ProxyPath path = ProxyPath.of(c.getString("path"), c.isNull("query") ? null : c.getString("query"));
        assertEquals(c.getString("url"), path.upstreamUri(c.getString("base")).toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedPaths")
    void refusesPathsThatCouldLeaveTheProviderBase(String name, JsonObject c) {
        GatewayException e = assertThrows(GatewayException.class, () -> ProxyPath.of(c.getString("path"), null));
        assertEquals(400, e.status());
        assertEquals("invalid_path", e.code());
    }

    private static Stream<Arguments> cases(String resource) throws IOException {
        try (InputStream in = ProxyPathTest.class.getResourceAsStream(resource); var reader = Json.createReader(in)) {
            return reader.readArray().stream()
                    .map(JsonValue::asJsonObject)
                    .map(c -> Arguments.of(c.getString("name"), c))
                    .toList().stream();
        }
    }
}
