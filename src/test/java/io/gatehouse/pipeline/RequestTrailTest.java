package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.access.GatewayKey;
import io.gatehouse.access.GatewayKeys;
import io.gatehouse.access.Limits;
import io.gatehouse.access.ModelNames;
import io.gatehouse.config.ConfigEnvironment;
import io.gatehouse.config.ConfigParser;
import io.gatehouse.config.RetryTuning;
import io.gatehouse.config.SavedConfigs;
import io.gatehouse.config.TelemetrySettings;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.egress.HostPolicy;
import io.gatehouse.http.GatewayHeaders;
import io.gatehouse.http.Header;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.limits.Admission;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.requestlog.RecordJson;
import io.gatehouse.requestlog.RequestRecord;
import io.gatehouse.routing.ResolveProvider;
import io.gatehouse.routing.Router;
import io.gatehouse.upstream.FakeResponses;
import io.gatehouse.upstream.SendUpstream;
import io.gatehouse.usage.Price;
import io.gatehouse.usage.Pricing;
import io.gatehouse.telemetry.Telemetry;
import io.gatehouse.upstream.SpoolSpace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The request log's record of each request, as the pipelines build it: one record per request, written once
 * its answer has been written, with what routing and the answer said — and never a key.
 */
class RequestTrailTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String OPENAI_ANSWER = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini-2024-07-18\","
            + "\"choices\":[],\"usage\":{\"prompt_tokens\":1000,\"completion_tokens\":500,\"total_tokens\":1500,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":200},\"completion_tokens_details\":{\"reasoning_tokens\":50}}}";

    private final Deque<FakeResponses.Fake> script = new ArrayDeque<>();
    private final SendUpstream upstream = request -> script.remove().response();
    private final List<RequestRecord> records = new ArrayList<>();
    private final Pricing pricing = new Pricing(Map.of("openai", Map.of("gpt-4o-mini",
            new Price(new BigDecimal("0.15"), new BigDecimal("0.075"), new BigDecimal("0.60")))));
    private final GatewayKeys keys = new GatewayKeys(List.of(new GatewayKey("team-a", GatewayKeys.sha256("gh-secret-key"), null,
            ModelNames.ANY, true, Limits.NONE, Map.of("env", "prod"))));

    private RecordUsage recordUsage() {
        return new RecordUsage(() -> pricing, Admission.UNLIMITED, records::add, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Router router() {
        ResolveProvider providers = new ResolveProvider(ProviderRegistry.defaults());
        ConfigParser parser = new ConfigParser(
                new ConfigEnvironment(HostPolicy.selfHostedDefault(), providers::isKnown, providers.validNames()));
        return Router.create(parser, SavedConfigs.none(), providers, HostPolicy.selfHostedDefault(), RetryTuning.DEFAULTS,
                Admission.UNLIMITED);
    }

    private GatewayResponse chat(Map<String, List<String>> headers) {
        RequestPipeline pipeline = new RequestPipeline(new RequestContextParser(() -> keys), router(), Admission.UNLIMITED,
                upstream, 1 << 20, recordUsage(), new ObserveRequest(Telemetry.start(TelemetrySettings.DEFAULTS)));
        return pipeline.handle(Capability.CHAT_COMPLETIONS, "/v1/chat/completions", RequestHeaders.of(headers),
                new ByteArrayInputStream(CHAT.getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, List<String>> asTeamA(String config) {
        return Map.of("x-portkey-api-key", List.of("gh-secret-key"), GatewayHeaders.CONFIG, List.of(config),
                GatewayHeaders.METADATA, List.of("{\"feature\":\"search\"}"), GatewayHeaders.TRACE_ID, List.of("trace-1"));
    }

    private static String written(GatewayResponse response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.body().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aFallbackAnswerIsRecordedWithItsTargetUsageAndCostOnceWritten() throws IOException {
        script.add(FakeResponses.json(503, "{\"error\":{\"message\":\"busy\"}}"));
        script.add(FakeResponses.json(200, OPENAI_ANSWER));

        GatewayResponse response = chat(asTeamA("{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"groq\",\"api_key\":\"sk-provider-a\"},{\"provider\":\"openai\",\"api_key\":\"sk-provider-b\"}]}"));
        assertEquals(List.of(), records, "nothing is recorded before the answer is written");
        written(response);

        assertEquals(1, records.size());
        RequestRecord r = records.get(0);
        assertEquals(NOW, r.timestamp());
        assertEquals("trace-1", r.traceId());
        assertEquals("team-a", r.keyName());
        assertEquals(Map.of("env", "prod", "feature", "search"), r.metadata());
        assertEquals("/v1/chat/completions", r.route());
        assertEquals("openai", r.clientFormat());
        assertEquals("openai", r.provider());
        assertNull(r.entry());
        assertEquals("gpt-4o-mini", r.modelRequested());
        assertEquals("gpt-4o-mini-2024-07-18", r.model());
        assertEquals(200, r.status());
        assertNull(r.errorCode());
        assertFalse(r.stream());
        assertEquals("config.targets[1]", r.target());
        assertEquals(0, r.retries());
        assertEquals(1000L, r.inputTokens());
        assertEquals(200L, r.cachedInputTokens());
        assertEquals(500L, r.outputTokens());
        assertEquals(50L, r.reasoningTokens());
        // 800 x 0.15 + 200 x 0.075 + 500 x 0.60 per million
        assertEquals(0, new BigDecimal("0.000435").compareTo(r.costUsd()), r.costUsd().toPlainString());
        assertEquals("DISABLED", r.cacheStatus(), "the status the client was told: no cache asked for");
        assertNull(r.guardrails());
        assertNotNull(r.gatewayMs());
        assertNotNull(r.upstreamMs());
        assertNull(r.firstByteMs(), "time to first byte is for streams");
        assertTrue(r.latencyMs() >= r.gatewayMs() + r.upstreamMs() - 0.001);
        String json = RecordJson.of(r).toString();
        for (String secret : List.of("gh-secret-key", "sk-provider-a", "sk-provider-b", GatewayKeys.sha256Hex("gh-secret-key"))) {
            assertFalse(json.contains(secret) || r.toString().contains(secret), "the record holds " + secret);
        }
    }

    @Test
    void theCacheStatusComesFromTheAnswersHeader() throws IOException {
        RequestTrail trail = RequestTrail.begin(records::add, Clock.fixed(NOW, ZoneOffset.UTC), System.nanoTime(), "t-cache",
                "/v1/messages");
        written(trail.finish(new GatewayResponse(200, List.of(new Header("X-Portkey-Cache-Status", "HIT")),
                out -> out.write('{'))));

        RequestRecord r = records.get(0);
        assertEquals("HIT", r.cacheStatus());
        assertEquals("anthropic-messages", r.clientFormat());
        assertEquals("-", r.keyName());
    }

    @Test
    void aStreamIsRecordedWhenItEndsWithItsTimeToFirstByte() throws IOException {
        String events = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":"
                + "[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n"
                + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2,\"total_tokens\":12}}\n\n"
                + "data: [DONE]\n\n";
        script.add(FakeResponses.of(200, Map.of("Content-Type", "text/event-stream"), events));

        written(chat(asTeamA("{\"provider\":\"openai\",\"api_key\":\"sk-a\"}")));

        RequestRecord r = records.get(0);
        assertTrue(r.stream());
        assertNotNull(r.firstByteMs());
        assertTrue(r.firstByteMs() <= r.latencyMs());
        assertEquals(10L, r.inputTokens());
        assertEquals(2L, r.outputTokens());
        assertEquals("DISABLED", r.cacheStatus(), "a stream is recorded with the status its client was told");
    }

    @Test
    void aClientThatLeavesMidAnswerIsStillRecorded() {
        script.add(FakeResponses.json(200, OPENAI_ANSWER));
        GatewayResponse response = chat(asTeamA("{\"provider\":\"openai\",\"api_key\":\"sk-a\"}"));
        OutputStream gone = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("Broken pipe");
            }
        };

        try {
            response.body().writeTo(gone); // the relay stops quietly (and aborts the upstream call)
        } catch (IOException expectedToo) {
            // either way, the record says so
        }

        assertEquals(1, records.size());
        assertEquals("client_disconnected", records.get(0).errorCode());
    }

    @Test
    void aRefusalIsRecordedWithItsCodeAndNoKey() throws IOException {
        GatewayResponse response = chat(Map.of("x-portkey-api-key", List.of("gh-wrong"), GatewayHeaders.TRACE_ID, List.of("t-401")));
        written(response);

        RequestRecord r = records.get(0);
        assertEquals(401, r.status());
        assertEquals("invalid_api_key", r.errorCode());
        assertEquals("-", r.keyName());
        assertEquals("t-401", r.traceId());
        assertNull(r.provider());
        assertNull(r.inputTokens());
        assertNull(r.costUsd());
        assertFalse(r.toString().contains("gh-wrong"));
    }

    @Test
    void aRoutingFailureIsRecordedWithTheProviderItLastTried() throws IOException {
        script.add(FakeResponses.resetBeforeBody(200, Map.of()));
        written(chat(asTeamA("{\"provider\":\"openai\",\"api_key\":\"sk-a\"}")));

        RequestRecord r = records.get(0);
        assertTrue(r.status() >= 500, "status " + r.status());
        assertEquals("openai", r.provider());
        assertNotNull(r.errorCode());
        assertEquals("config", r.target());
    }

    @Test
    void aProxiedRequestIsRecordedToo() throws IOException {
        script.add(FakeResponses.json(200, "{\"data\":[]}"));
        ProxyPipeline proxy = new ProxyPipeline(new RequestContextParser(() -> keys), router(), Admission.UNLIMITED, upstream,
                1024, 1 << 20, new SpoolSpace(1 << 20), recordUsage(), new ObserveRequest(Telemetry.start(TelemetrySettings.DEFAULTS)));
        RequestHeaders headers = RequestHeaders.of(asTeamA("{\"provider\":\"openai\",\"api_key\":\"sk-a\"}"));

        written(proxy.handle(new ProxyRequest("GET", "/v1/files", null, headers, null, -1)));
        written(proxy.handle(new ProxyRequest("PATCH", "/v1/files", null, headers, null, -1)));

        assertEquals(List.of(200, 405), records.stream().map(RequestRecord::status).toList());
        assertEquals("proxy", records.get(0).clientFormat());
        assertEquals("/v1/files", records.get(0).route());
        assertEquals("openai", records.get(0).provider());
        assertEquals("team-a", records.get(0).keyName());
    }
}
