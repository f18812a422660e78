package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.context.RequestContextParser;
import io.gatehouse.context.RequestHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyPipelineTest {
    /** No router and no client: a refused method must be answered before either is needed. */
    private final ProxyPipeline pipeline = new ProxyPipeline(new RequestContextParser(), null, null, 1024);

    @Test
    void patchAndOtherMethodsAre405WithAllowAndTheBodyIsNeverRead() throws IOException {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("the body of a refused request must not be read");
            }
        };
        for (String method : List.of("PATCH", "HEAD", "OPTIONS", "TRACE", "post")) {
            GatewayResponse res = pipeline.handle(new ProxyRequest(method, "/v1/files/f1", null,
                    RequestHeaders.of(Map.of("x-portkey-trace-id", List.of("t-1"))), untouchable, 10));
            assertEquals(405, res.status(), method);
            assertEquals("POST, GET, PUT, DELETE", res.header("Allow"));
            assertEquals("t-1", res.header("x-portkey-trace-id"));
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            res.body().writeTo(body);
            assertTrue(body.toString(StandardCharsets.UTF_8).contains("\"code\":\"method_not_allowed\""), body.toString());
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
