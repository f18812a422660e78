package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gatehouse.context.RequestContext;
import io.gatehouse.http.Header;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.testing.Fixtures;
import io.gatehouse.upstream.UpstreamRequest;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildUpstreamRequestTest {
    private static final ProviderRegistry PROVIDERS = ProviderRegistry.defaults();
    /** Spacing, key order, number spelling and escapes a re-serialisation would change. */
    private static final String NON_CANONICAL =
            "{ \"model\" : \"gpt-4o-mini\",\n  \"temperature\": 1.0e0, \"z\":1, \"a\":2, \"text\":\"caf\\u00e9\" }";

    @Test
    void withoutOverrideParamsTheClientBytesGoAsTheyCame() {
        JsonBody body = JsonBody.parse(NON_CANONICAL.getBytes(StandardCharsets.UTF_8));
        byte[] sent = BuildUpstreamRequest.bodyFor(target(null), body);
        assertSame(body.raw(), sent);
        assertArrayEquals(NON_CANONICAL.getBytes(StandardCharsets.UTF_8), sent);
    }

    @Test
    void emptyOverrideParamsChangeNothing() {
        JsonBody body = JsonBody.parse(NON_CANONICAL.getBytes(StandardCharsets.UTF_8));
        assertSame(body.raw(), BuildUpstreamRequest.bodyFor(target(JsonObject.EMPTY_JSON_OBJECT), body));
    }

    @Test
    void overrideParamsAreDeepMergedIntoTheBody() {
        JsonBody body = JsonBody.parse("{\"model\":\"m\",\"response_format\":{\"type\":\"text\",\"strict\":true},\"n\":1}"
                .getBytes(StandardCharsets.UTF_8));
        byte[] raw = body.raw().clone();
        byte[] sent = BuildUpstreamRequest.bodyFor(
                target(Fixtures.object("{\"model\":\"gpt-4o\",\"response_format\":{\"type\":\"json_object\"}}")), body);
        assertEquals(Fixtures.object("{\"model\":\"gpt-4o\",\"response_format\":{\"type\":\"json_object\",\"strict\":true},\"n\":1}"),
                Fixtures.object(new String(sent, StandardCharsets.UTF_8)));
        assertArrayEquals(raw, body.raw(), "the client's bytes are not touched");
    }

    @Test
    void unifiedRequest() throws IOException {
        Map<String, List<String>> client = new LinkedHashMap<>();
        client.put("Authorization", List.of("Bearer sk-client"));
        client.put("OpenAI-Beta", List.of("assistants=v2"));
        client.put("x-portkey-provider", List.of("openai"));
        client.put("X-Custom", List.of("1"));
        client.put("Content-Length", List.of("99"));
        RequestContext ctx = new RequestContext("trace-1", "openai", "sk-client", null, null, Map.of(), null, null,
                RequestHeaders.of(client));
        ResolvedTarget target = new ResolvedTarget(PROVIDERS.resolve("openai"), "sk-provider", "http://127.0.0.1:9/v1/",
                null, List.of("x-custom"), Duration.ofMillis(1500), "config");
        JsonBody body = JsonBody.parse(NON_CANONICAL.getBytes(StandardCharsets.UTF_8));

        UpstreamRequest request = BuildUpstreamRequest.unified(ctx, target, Capability.EMBEDDINGS, body).request();

        assertEquals("POST", request.method());
        assertEquals(URI.create("http://127.0.0.1:9/v1/embeddings"), request.uri());
        assertEquals(List.of(
                new Header("Authorization", "Bearer sk-provider"),
                new Header("Content-Type", "application/json"),
                new Header("openai-beta", "assistants=v2"),
                new Header("x-custom", "1")), request.headers());
        assertEquals(Duration.ofMillis(1500), request.requestTimeout());
        assertEquals(body.raw().length, request.body().length());
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        request.body().writeTo(written);
        request.body().writeTo(written);
        assertEquals(NON_CANONICAL + NON_CANONICAL, written.toString(StandardCharsets.UTF_8), "the body can be sent again on retry");
    }

    private static ResolvedTarget target(JsonObject overrideParams) {
        return new ResolvedTarget(PROVIDERS.resolve("openai"), "sk-1", null, overrideParams, null, null, "config");
    }

    // --- usage requested for metering, @slug/ removed ------------------------------------------------------

    private static ResolvedTarget catalogTarget(String model, JsonObject overrides) {
        return new ResolvedTarget(PROVIDERS.resolve("openai"), "sk-1", null, overrides, null, null, "config",
                io.gatehouse.routing.RetryPolicy.NONE, io.gatehouse.config.ProviderOptions.NONE, null, model);
    }

    private static String sent(ResolvedTarget target, String body, boolean askUsage) {
        return new String(BuildUpstreamRequest.bodyFor(target, JsonBody.parse(body.getBytes(StandardCharsets.UTF_8)), askUsage),
                StandardCharsets.UTF_8);
    }

    @Test
    void aStreamGetsTheUsageRequestAsItsFirstMemberAndIsOtherwiseUnchanged() {
        assertEquals("{\"stream_options\":{\"include_usage\":true},\"stream\" : true, \"model\":\"m\"}",
                sent(catalogTarget("m", null), "{\"stream\" : true, \"model\":\"m\"}", true));
    }

    @Test
    void existingStreamOptionsKeepTheirFieldsAndGainIncludeUsage() {
        assertEquals(Fixtures.object("{\"stream\":true,\"stream_options\":{\"x\":1,\"include_usage\":true}}"),
                Fixtures.object(sent(catalogTarget(null, null), "{\"stream\":true,\"stream_options\":{\"x\":1,\"include_usage\":false}}", true)));
    }

    @Test
    void theModelLosesItsSlugInTheBytesOrInTheMergedBody() {
        assertEquals("{\"model\":\"gpt-4o\",\"n\":1}", sent(catalogTarget("gpt-4o", null), "{\"model\":\"@openai-prod/gpt-4o\",\"n\":1}", false));
        assertEquals("{\"stream_options\":{\"include_usage\":true},\"model\":\"gpt-4o\",\"stream\":true}",
                sent(catalogTarget("gpt-4o", null), "{\"model\":\"@openai-prod/gpt-4o\",\"stream\":true}", true));
        JsonObject overrides = Fixtures.object("{\"model\":\"@openai-prod/gpt-4o\",\"temperature\":0}");
        assertEquals(Fixtures.object("{\"model\":\"gpt-4o\",\"temperature\":0,\"messages\":[]}"),
                Fixtures.object(sent(catalogTarget("gpt-4o", overrides), "{\"messages\":[]}", false)));
    }
}
