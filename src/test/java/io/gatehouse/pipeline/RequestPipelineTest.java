package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.config.ConfigEnvironment;
import io.gatehouse.config.ConfigParser;
import io.gatehouse.config.RetryTuning;
import io.gatehouse.config.SavedConfigs;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.egress.HostPolicy;
import io.gatehouse.http.GatewayHeaders;
import io.gatehouse.http.Header;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.limits.Admission;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.routing.ResolveProvider;
import io.gatehouse.routing.Router;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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

    private RequestPipeline pipeline() {
        ResolveProvider providers = new ResolveProvider(ProviderRegistry.defaults());
        ConfigParser parser = new ConfigParser(
                new ConfigEnvironment(HostPolicy.selfHostedDefault(), providers::isKnown, providers.validNames()));
        Router router = Router.create(parser, SavedConfigs.none(), providers, HostPolicy.selfHostedDefault(),
                RetryTuning.DEFAULTS, Admission.UNLIMITED);
        return new RequestPipeline(new RequestContextParser(), router, upstream, 1 << 20,
                new RecordUsage(() -> Pricing.NONE, Admission.UNLIMITED));
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
    }

    @Test
    void aPassedThroughAnswerIsRelayedAsSentWithTheTimingOfItsAttempt() throws IOException {
        script.add(FakeResponses.json(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[]}"));

        GatewayResponse response = chat("{\"provider\":\"openai\",\"api_key\":\"sk-a\"}");

        assertEquals(1, sent.size());
        assertEquals(200, response.status());
        assertEquals("chatcmpl-1", body(response).getString("id"));
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
