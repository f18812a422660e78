package io.gatehouse.pipeline;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gatehouse.error.GatewayException;
import io.gatehouse.testing.FixtureSource;
import io.gatehouse.testing.Fixtures;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class JsonBodyTest {

    @ParameterizedTest
    @FixtureSource("pipeline/json-body.json")
    void parse(JsonObject c) {
        byte[] raw = c.getString("body").getBytes(StandardCharsets.UTF_8);
        if (c.containsKey("error")) {
            assertGatewayError(c.getJsonObject("error"), () -> JsonBody.parse(raw));
            return;
        }
        JsonBody body = JsonBody.parse(raw);
        assertEquals(c.getBoolean("stream"), body.stream(), "stream");
        assertEquals(Fixtures.stringOrNull(c.get("model")), body.model(), "model");
        assertEquals(c.getBoolean("includeUsage", false), body.includeUsage(), "includeUsage");
        assertSame(raw, body.raw(), "the client's bytes are kept as they came");
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"UTF-8", "UTF-16BE", "UTF-16LE", "UTF-16", "UTF-32BE"})
    void bodiesInAnyJsonEncodingAreRead(String charset) {
        byte[] raw = "{\"model\":\"gpt-ünï-☃\",\"stream\":true}".getBytes(java.nio.charset.Charset.forName(charset));
        JsonBody body = JsonBody.parse(raw);
        assertEquals("gpt-ünï-☃", body.model());
        assertEquals(true, body.stream());
        assertSame(raw, body.raw());
    }

    @Test
    void aUtf8BodyWithAByteOrderMarkIsRead() {
        byte[] json = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        byte[] raw = new byte[json.length + 3];
        raw[0] = (byte) 0xEF;
        raw[1] = (byte) 0xBB;
        raw[2] = (byte) 0xBF;
        System.arraycopy(json, 0, raw, 3, json.length);
        assertEquals("m", JsonBody.parse(raw).model());
    }

    @Test
    void errorsDoNotEchoTheBody() {
        GatewayException e = assertGatewayError(400, "invalid_body",
                () -> JsonBody.parse("{\"api_key\": sk-secret-123}".getBytes(StandardCharsets.UTF_8)));
        assertFalse(e.getMessage().contains("sk-secret-123"), e.getMessage());
    }

    @Test
    void readKeepsTheBytesUpToTheLimit() {
        byte[] raw = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        JsonBody body = JsonBody.read(new ByteArrayInputStream(raw), raw.length, -1);
        assertArrayEquals(raw, body.raw());
        assertEquals("m", body.model());
    }

    @Test
    void readRefusesABodyOverTheLimit() {
        byte[] raw = ("{\"pad\":\"" + "x".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        GatewayException e = assertGatewayError(413, "body_too_large",
                () -> JsonBody.read(new ByteArrayInputStream(raw), raw.length - 1, -1));
        assertEquals("payload_too_large_error", e.type().wireName());
    }

    @Test
    void aDeclaredLengthIsReadExactly() {
        byte[] raw = ("{\"model\":\"m\",\"pad\":\"" + "x".repeat(20_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        // The stream hands out a few bytes per read, as a socket does.
        InputStream trickle = new ByteArrayInputStream(raw) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        JsonBody body = JsonBody.read(trickle, raw.length, raw.length);
        assertArrayEquals(raw, body.raw());
        assertEquals("m", body.model());
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedUnread() {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body must not be read");
            }
        };
        assertGatewayError(413, "body_too_large", () -> JsonBody.read(untouchable, 1024, 1025));
    }

    @ParameterizedTest(name = "declared {0} bytes more than sent")
    @org.junit.jupiter.params.provider.ValueSource(ints = {10, JsonBody.PRESIZED_LIMIT})
    void aBodyShorterThanDeclaredIsABadRequest(int missing) {
        byte[] raw = "{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8);
        assertGatewayError(400, "body_unreadable",
                () -> JsonBody.read(new ByteArrayInputStream(raw), 1 << 20, raw.length + missing));
    }

    @Test
    void aLargeDeclaredBodyIsReadAsItArrives() {
        byte[] raw = ("{\"model\":\"m\",\"pad\":\"" + "x".repeat(JsonBody.PRESIZED_LIMIT * 2) + "\"}").getBytes(StandardCharsets.UTF_8);
        JsonBody body = JsonBody.read(new ByteArrayInputStream(raw), 1 << 20, raw.length);
        assertArrayEquals(raw, body.raw());
        assertEquals("m", body.model());
    }

    @Test
    void readOfABrokenClientStreamIsABadRequest() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("client reset");
            }
        };
        assertGatewayError(400, "body_unreadable", () -> JsonBody.read(broken, 1024, -1));
        assertGatewayError(400, "body_unreadable", () -> JsonBody.read(broken, 1024, 100));
    }

    @Test
    void toJsonObjectParsesTheRawBytes() {
        JsonBody body = JsonBody.parse("{\"model\":\"m\",\"n\":1}".getBytes(StandardCharsets.UTF_8));
        assertEquals(Fixtures.object("{\"model\":\"m\",\"n\":1}"), body.toJsonObject());
    }
}
