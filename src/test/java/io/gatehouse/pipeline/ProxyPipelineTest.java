package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.config.TelemetrySettings;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.limits.Admission;
import io.gatehouse.usage.Pricing;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.telemetry.Telemetry;
import io.gatehouse.upstream.ReplayableBody;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyPipelineTest {
    /** No router and no client: a refused method must be answered before either is needed. */
    private final ProxyPipeline pipeline = new ProxyPipeline(new RequestContextParser(), null, null, null, 1024, 1024,
            new io.gatehouse.upstream.SpoolSpace(1 << 20), new RecordUsage(() -> Pricing.NONE, Admission.UNLIMITED),
            new ObserveRequest(Telemetry.start(TelemetrySettings.DEFAULTS)));

    private static InputStream unreadable(String why) {
        return new InputStream() {
            @Override
            public int read() {
                throw new AssertionError(why);
            }
        };
    }

    private static byte[] sent(ReplayableBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        body.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void patchAndOtherMethodsAre405WithAllowAndTheBodyIsNeverRead() throws IOException {
        InputStream untouchable = unreadable("the body of a refused request must not be read");
        for (String method : List.of("PATCH", "HEAD", "OPTIONS", "TRACE", "post")) {
            GatewayResponse res = pipeline.handle(new ProxyRequest(method, "/v1/files/f1", null,
                    RequestHeaders.of(Map.of("x-portkey-trace-id", List.of("t-1"))), untouchable, 10));
            assertEquals(405, res.status(), method);
            assertEquals("POST, GET, PUT, DELETE", res.header("Allow"));
            assertEquals("t-1", res.header("x-portkey-trace-id"));
            assertEquals("DISABLED", res.header("x-portkey-cache-status"), "the proxy is not cached");
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            res.body().writeTo(body);
            assertTrue(body.toString(StandardCharsets.UTF_8).contains("\"code\":\"method_not_allowed\""), body.toString());
        }
    }

    @Test
    void conditionalRoutingSeesASmallJsonBodyWhichIsStillSentWhole() throws IOException {
        byte[] json = "{\"model\": \"gpt-4o\", \"n\": 1.0}".getBytes(StandardCharsets.UTF_8);
        try (ReplayableBody body = new ReplayableBody(new ByteArrayInputStream(json), json.length, 1024)) {
            assertEquals("gpt-4o", ProxyPipeline.jsonParams(body, "application/json", 1024).getString("model"));
            assertArrayEquals(json, sent(body), "the bytes read for routing are sent unchanged");
        }
    }

    @Test
    void conditionalRoutingSeesNothingOfOtherBodiesAndNeverFails() throws IOException {
        InputStream unread = unreadable("a non-JSON body is not read for routing");
        try (ReplayableBody body = new ReplayableBody(unread, 10, 1024)) {
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, ProxyPipeline.jsonParams(body, "audio/wav", 1024));
        }
        assertEquals(JsonValue.EMPTY_JSON_OBJECT, ProxyPipeline.jsonParams(null, "application/json", 1024));
        for (String notAnObject : List.of("[1,2]", "{broken", "")) {
            byte[] bytes = notAnObject.getBytes(StandardCharsets.UTF_8);
            try (ReplayableBody body = new ReplayableBody(new ByteArrayInputStream(bytes), bytes.length, 1024)) {
                assertEquals(JsonValue.EMPTY_JSON_OBJECT, ProxyPipeline.jsonParams(body, "application/json", 1024), notAnObject);
                assertArrayEquals(bytes, sent(body));
            }
        }
        byte[] large = ("{\"pad\":\"" + "x".repeat(5000) + "\"}").getBytes(StandardCharsets.UTF_8);
        try (ReplayableBody body = new ReplayableBody(new ByteArrayInputStream(large), -1, 1024)) {
            assertEquals(JsonValue.EMPTY_JSON_OBJECT, ProxyPipeline.jsonParams(body, "application/json", 1024));
            assertArrayEquals(large, sent(body), "too large to offer, still sent whole");
        }
    }

    @Test
    void recognisesJsonContentTypes() {
        assertTrue(ProxyPipeline.isJson("application/json"));
        assertTrue(ProxyPipeline.isJson("Application/JSON; charset=utf-8"));
        assertTrue(ProxyPipeline.isJson("application/vnd.api+json"));
        assertFalse(ProxyPipeline.isJson("application/x-ndjson"));
        assertFalse(ProxyPipeline.isJson("multipart/form-data; boundary=x"));
        assertFalse(ProxyPipeline.isJson(null));
    }
}
