package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.gatehouse.limits.Counters;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.routing.ResolveProvider;
import io.gatehouse.routing.Router;
import io.gatehouse.telemetry.RequestRecord;
import io.gatehouse.telemetry.Telemetry;
import io.gatehouse.upstream.FakeResponses;
import io.gatehouse.upstream.SendUpstream;
import io.gatehouse.upstream.UpstreamRequest;
import io.gatehouse.usage.Pricing;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The unified request path end to end, over scripted upstream answers: no container, no network. */
class RequestPipelineTest {
    private static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String ANTHROPIC_ANSWER = "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"hello from anthropic\"}],\"stop_reason\":\"end_turn\","
            + "\"usage\":{\"input_tokens\":3,\"output_tokens\":4}}";

    /** Answers attempts in order and records where each went. */
    private final Deque<FakeResponses.Fake> script = new ArrayDeque<>();
    private final List<UpstreamRequest> sent = new ArrayList<>();
    private final SendUpstream upstream = request -> {
        sent.add(request);
        return script.remove().response();
    };
    /** What the telemetry was told of each request, once it was over. */
    private final List<RequestRecord> observed = new ArrayList<>();

    private RequestPipeline pipeline() {
        return pipeline(GatewayKeys.OPEN, Admission.UNLIMITED);
    }

    private RequestPipeline pipeline(GatewayKeys keys, Admission admission) {
        ResolveProvider providers = new ResolveProvider(ProviderRegistry.defaults());
        ConfigParser parser = new ConfigParser(
                new ConfigEnvironment(HostPolicy.selfHostedDefault(), providers::isKnown, providers.validNames()));
        Router router = Router.create(parser, SavedConfigs.none(), providers, HostPolicy.selfHostedDefault(),
                RetryTuning.DEFAULTS, admission);
        Telemetry telemetry = Telemetry.start(TelemetrySettings.DEFAULTS);
        telemetry.addListener(observed::add);
        return new RequestPipeline(new RequestContextParser(() -> keys), router, admission, upstream, 1 << 20,
                new RecordUsage(() -> Pricing.NONE, admission), new ObserveRequest(telemetry));
    }

    private GatewayResponse chat(String config) {
        RequestHeaders headers = RequestHeaders.of(Map.of(GatewayHeaders.CONFIG, List.of(config),
                "authorization", List.of("Bearer sk-client")));
        return pipeline().handle(Capability.CHAT_COMPLETIONS, "/v1/chat/completions", headers,
                new ByteArrayInputStream(CHAT.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFallbackAnswerIsReadBackByTheCallOfTheProviderThatGaveIt() throws IOException {
        script.add(FakeResponses.json(503, "{\"error\":{\"message\":\"busy\"}}"));
        script.add(FakeResponses.json(200, ANTHROPIC_ANSWER));

        GatewayResponse response = chat("{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"openai\",\"api_key\":\"sk-a\"},{\"provider\":\"anthropic\",\"api_key\":\"sk-b\"}]}");

        assertEquals(List.of("api.openai.com", "api.anthropic.com"), sent.stream().map(r -> r.uri().getHost()).toList());
        assertEquals(200, response.status());
        assertEquals("config.targets[1]", header(response, GatewayHeaders.LAST_USED_OPTION_INDEX));
        JsonObject body = body(response);
        assertEquals("chat.completion", body.getString("object"), "the Anthropic answer, translated to OpenAI's format");
        assertEquals("hello from anthropic",
                body.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
        RequestRecord record = observed.get(0);
        assertEquals(List.of("openai 503 api.openai.com config.targets[0]", "anthropic 200 api.anthropic.com config.targets[1]"),
                record.attempts().stream().map(a -> a.provider() + " " + a.status() + " " + a.serverAddress() + " "
                        + a.optionPath()).toList());
        assertEquals(1, record.fallbacks());
        assertEquals("anthropic", record.provider());
        assertEquals(new RequestRecord.Tokens(3, 4), record.tokens());
        assertEquals("m", record.responseModel());
        assertEquals(200, record.status());
    }

    @Test
    void aPassedThroughAnswerIsRelayedAsSentWithTheTimingOfItsAttempt() throws IOException {
        script.add(FakeResponses.json(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[]}"));

        GatewayResponse response = chat("{\"provider\":\"openai\",\"api_key\":\"sk-a\"}");

        assertEquals(1, sent.size());
        assertEquals(200, response.status());
        assertEquals("chatcmpl-1", body(response).getString("id"));
        assertEquals("DISABLED", header(response, "x-portkey-cache-status"), "no cache was asked for");
        String timing = header(response, "server-timing");
        assertTrue(timing != null && timing.matches("gateway;dur=\\d+\\.\\d{3}, upstream;dur=\\d+\\.\\d{3}"), timing);
    }

    @Test
    void whenNoTargetAnswersTheClientGetsTheLastFailureAsAnOpenAiError() throws IOException {
        script.add(FakeResponses.json(503, "{\"error\":{\"message\":\"busy\"}}"));
        script.add(FakeResponses.json(500, "{\"error\":{\"message\":\"broken\"}}"));

        GatewayResponse response = chat("{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
                + "{\"provider\":\"openai\",\"api_key\":\"sk-a\"},{\"provider\":\"groq\",\"api_key\":\"sk-b\"}]}");

        assertEquals(2, sent.size());
        assertEquals(500, response.status());
        assertEquals("config.targets[1]", header(response, GatewayHeaders.LAST_USED_OPTION_INDEX));
        assertEquals("broken", body(response).getJsonObject("error").getString("message"));
        assertEquals("DISABLED", header(response, "x-portkey-cache-status"));
    }

    @Test
    void aKeyOverItsRequestLimitIsRefusedBeforeAnythingIsSent() throws IOException {
        GatewayKeys keys = new GatewayKeys(List.of(new GatewayKey("team", GatewayKeys.sha256("gh-team"), null, ModelNames.ANY,
                true, new Limits(1L, null, Duration.ofSeconds(60), List.of()), Map.of())));
        RequestPipeline pipeline = pipeline(keys, new Admission(new MemoryCounters(), () -> Instant.parse("2026-01-01T00:00:10Z")));
        script.add(FakeResponses.json(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[]}"));
        RequestHeaders headers = RequestHeaders.of(Map.of("x-portkey-api-key", List.of("gh-team"),
                GatewayHeaders.CONFIG, List.of("{\"provider\":\"openai\",\"api_key\":\"sk-a\"}")));

        assertEquals(200, pipeline.handle(Capability.CHAT_COMPLETIONS, "/v1/chat/completions", headers,
                new ByteArrayInputStream(CHAT.getBytes(StandardCharsets.UTF_8))).status());
        GatewayResponse second = pipeline.handle(Capability.CHAT_COMPLETIONS, "/v1/chat/completions", headers,
                new ByteArrayInputStream(CHAT.getBytes(StandardCharsets.UTF_8)));

        assertEquals(429, second.status());
        assertEquals("rate_limit_exceeded", body(second).getJsonObject("error").getString("code"));
        assertEquals(1, sent.size(), "the refused request was not sent");
        // A request is over once its answer is written: the first one's never was.
        assertEquals(List.of("429 rate_limit_exceeded"), observed.stream().map(r -> r.status() + " " + r.limitRefused()).toList());
        assertEquals("rate_limit_exceeded", observed.get(0).errorType());
    }

    /** Counts in memory: one window is all these cases need. */
    private static final class MemoryCounters implements Counters {
        private final Map<String, Long> counts = new HashMap<>();

        @Override
        public long get(String name, long windowStart) {
            return counts.getOrDefault(name, 0L);
        }

        @Override
        public long add(String name, long windowStart, long delta) {
            return counts.merge(name, delta, Long::sum);
        }

        @Override
        public long addUpTo(String name, long windowStart, long delta, long limit) {
            long next = get(name, windowStart) + delta;
            if (next > limit) {
                return -1;
            }
            counts.put(name, next);
            return next;
        }
    }

    private static String header(GatewayResponse response, String name) {
        return response.headers().stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value)
                .findFirst().orElse(null);
    }

    private static JsonObject body(GatewayResponse response) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        response.body().writeTo(out);
        try (var reader = Json.createReader(new StringReader(out.toString(StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }
}
