package io.gatehouse.pipeline;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.testing.FixtureSource;
import io.gatehouse.testing.Fixtures;
import io.gatehouse.upstream.ReplayableBody;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * A restricted gateway key's model grant on the catch-all proxy: the model a proxied body names is found
 * whatever the body's size and layout, and a body whose model cannot be known is refused. The bytes read to
 * find it are still sent upstream unchanged.
 */
class RequestedModelTest {
    private static final long READ_AHEAD = 2L << 20;

    @ParameterizedTest
    @FixtureSource("pipeline/requested-model.json")
    void findsTheTopLevelModel(JsonObject c) throws IOException {
        byte[] bytes = (c.getString("body", "") + " ".repeat(c.getInt("padBytes", 0)) + c.getString("tail", ""))
                .getBytes(StandardCharsets.UTF_8);
        String contentType = c.getString("contentType", "application/json");
        try (ReplayableBody body = c.getBoolean("noBody", false) ? null
                : new ReplayableBody(new ByteArrayInputStream(bytes), bytes.length, 1024 * 1024)) {
            if (c.containsKey("error")) {
                assertGatewayError(c.getJsonObject("error"), () -> RequestedModel.of(body, contentType, READ_AHEAD));
                return;
            }
            assertEquals(Fixtures.stringOrNull(c.get("model")), RequestedModel.of(body, contentType, READ_AHEAD));
            if (body != null) {
                ByteArrayOutputStream sent = new ByteArrayOutputStream();
                body.writeTo(sent);
                assertArrayEquals(bytes, sent.toByteArray(), "the bytes read for the grant go upstream unchanged");
            }
        }
    }
}
