package io.gatehouse.routing;

import static io.gatehouse.routing.ScriptedAttempt.answer;
import static io.gatehouse.routing.ScriptedAttempt.refused;
import static io.gatehouse.routing.ScriptedAttempt.timedOut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.config.ConfigEnvironment;
import io.gatehouse.config.ConfigParser;
import io.gatehouse.config.InvalidConfigException;
import io.gatehouse.config.RetryTuning;
import io.gatehouse.config.SavedConfigs;
import io.gatehouse.context.RequestContext;
import io.gatehouse.egress.HostPolicy;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.Header;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.limits.Admission;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.upstream.FakeResponses;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The interpreter: strategies, retries and stream peeking, against scripted upstream answers. */
class RouterTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final String SSE = "text/event-stream";
    private static final String ROLE = "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n";
    private static final String CONTENT = "data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\ndata: [DONE]\n\n";

    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    private final List<Duration> sleeps = new ArrayList<>();
    private final ScriptedAttempt upstream = new ScriptedAttempt();
    private final ResolveProvider providers = new ResolveProvider(ProviderRegistry.defaults());
    private final ConfigParser parser = new ConfigParser(
            new ConfigEnvironment(HostPolicy.selfHostedDefault(), providers::isKnown, providers.validNames()));

    private Router router() {
        return router(RetryTuning.DEFAULTS, SavedConfigs.none());
    }

    private Router router(RetryTuning tuning, SavedConfigs saved) {
        SplittableRandom random = new SplittableRandom(7);
        AttemptTarget attempts = new AttemptTarget(tuning,
                new Backoff(tuning.backoffBase(), tuning.backoffCap(), random),
                new RetryBudget(tuning.budgetPercent(), tuning.budgetMinPerSecond(), clock::get),
                sleeps::add, clock::get, () -> NOW);
        // As the ITs run: the shipped policy, with the test's loopback fakes listed for open-gateway clients.
        HostPolicy policy = new HostPolicy(true, true, java.util.List.of(), java.util.List.of(), false, java.util.List.of("127.0.0.1"));
        return new Router(new RoutePlans(parser, saved), new ResolveTarget(providers, policy),
                attempts, random, Admission.UNLIMITED);
    }

    private static RequestContext ctx(String config) {
        return ctx(config, "openai", Map.of());
    }

    private static RequestContext ctx(String config, String headerProvider, Map<String, String> metadata) {
        return new RequestContext("trace-1", headerProvider, "sk-client", null, config, metadata, null, null,
                RequestHeaders.of(Map.of()));
    }

    private static RouteRequest chat(JsonObject body) {
        return new RouteRequest(Capability.CHAT_COMPLETIONS, "/v1/chat/completions", () -> body);
    }

    private Router.Routed<?> route(Router router, RequestContext ctx, RouteRequest request) {
        return router.route(ctx, router.plan(ctx), request, upstream);
    }

    private Router.Routed<?> route(String config) {
        return route(router(), ctx(config), chat(null));
    }

    private static String header(List<Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equals(name)).map(Header::value).findFirst().orElse(null);
    }

    private static final String FALLBACK = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":["
            + "{\"provider\":\"openai\",\"api_key\":\"sk-a\"},{\"provider\":\"groq\",\"api_key\":\"sk-b\"}]}";

    // --- no config, single target ---------------------------------------------------------------

    @Test
    void headersAloneRouteToTheHeaderProviderAtPathConfig() {
        upstream.on("config", answer(200));
        Router.Routed<?> routed = route(null);
        assertEquals(200, routed.response().status());
        assertEquals("openai", routed.target().provider().slug());
        assertEquals("sk-client", routed.target().apiKey());
        assertEquals(List.of(new Header("x-portkey-last-used-option-index", "config"),
                new Header("x-portkey-retry-attempt-count", "0"), new Header("x-portkey-provider", "openai")),
                RoutingHeaders.of(routed));
    }

    @Test
    void aConfigWithOnlyRetryUsesTheHeaderProviderAndKey() {
        upstream.on("config", answer(503), answer(200));
        Router.Routed<?> routed = route("{\"retry\":{\"attempts\":1}}");
        assertEquals("openai", routed.target().provider().slug());
        assertEquals("sk-client", routed.target().apiKey());
        assertEquals(1, routed.retries());
    }

    // --- fallback ---------------------------------------------------------------------------------

    @Test
    void fallbackMovesOnAfterAFailedAnswerAndAbortsIt() {
        upstream.on("config.targets[0]", answer(503)).on("config.targets[1]", answer(200));
        Router.Routed<?> routed = route(FALLBACK);
        assertEquals(200, routed.response().status());
        assertEquals("config.targets[1]", routed.target().optionPath());
        assertEquals("sk-b", routed.target().apiKey());
        assertTrue(upstream.answers.get(0).aborted(), "the discarded 503 must not hold its connection");
        assertFalse(upstream.answerFor(routed.response()).released(), "the answer given to the client is still open");
    }

    @Test
    void fallbackOnlyMovesOnForListedStatuses() {
        upstream.on("config.targets[0]", answer(500)).on("config.targets[1]", answer(200));
        Router.Routed<?> routed = route(FALLBACK.replace("\"fallback\"", "\"fallback\",\"on_status_codes\":[503]"));
        assertEquals(500, routed.response().status(), "a 500 not in on_status_codes is the answer");
        assertEquals(List.of("config.targets[0]"), upstream.paths(), "the second target is never called");
    }

    @Test
    void fallbackMovesOnAfterConnectionFailuresAndTimeoutsWhateverTheStatusList() {
        upstream.on("config.targets[0]", refused()).on("config.targets[1]", timedOut()).on("config.targets[2]", answer(200));
        Router.Routed<?> routed = route("{\"strategy\":{\"mode\":\"fallback\",\"on_status_codes\":[503]},\"targets\":["
                + "{\"provider\":\"openai\"},{\"provider\":\"openai\"},{\"provider\":\"groq\"}]}");
        assertEquals("config.targets[2]", routed.target().optionPath());
    }

    @Test
    void whenEveryTargetFailsTheLastAnswerIsReturned() {
        upstream.on("config.targets[0]", answer(503)).on("config.targets[1]", answer(429));
        Router.Routed<?> routed = route(FALLBACK);
        assertEquals(429, routed.response().status());
        assertEquals("config.targets[1]", routed.target().optionPath());
        assertTrue(upstream.answers.get(0).aborted());
        assertFalse(upstream.answers.get(1).released());
    }

    @Test
    void whenNoTargetAnswersTheLastFailureCarriesTheRoutingHeaders() {
        upstream.on("config.targets[0]", answer(503)).on("config.targets[1]", refused());
        RoutingFailure failure = assertThrows(RoutingFailure.class, () -> route(FALLBACK));
        assertEquals(502, failure.status());
        assertEquals("upstream_unreachable", failure.code());
        assertEquals("config.targets[1]", header(failure.routingHeaders(), "x-portkey-last-used-option-index"));
        assertEquals("groq", header(failure.routingHeaders(), "x-portkey-provider"));
        assertTrue(upstream.answers.get(0).aborted(), "the earlier 503 was discarded when the next target was tried");
    }

    @Test
    void aGatewayRefusalStopsTheFallbackWithATypedResult() {
        upstream.on("config.targets[0]", answer(200)).on("config.targets[1]", answer(200));
        Router r = router();
        RoutingFailure failure = assertThrows(RoutingFailure.class, () -> route(r, ctx(
                "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[{\"provider\":\"groq\"},{\"provider\":\"openai\"}]}"),
                new RouteRequest(Capability.EMBEDDINGS, "/v1/embeddings", () -> null)));
        assertEquals("unsupported_capability", failure.code());
        assertInstanceOf(GatewayException.class, failure.error());
        assertEquals("config.targets[0]", failure.optionPath());
        assertTrue(upstream.calls.isEmpty(), "nothing was sent, and the next target was not tried");
    }

    @Test
    void aTargetWithoutAnyProviderIsRefused() {
        RoutingFailure failure = assertThrows(RoutingFailure.class,
                () -> route(router(), ctx("{\"retry\":{\"attempts\":1}}", null, Map.of()), chat(null)));
        assertEquals("missing_provider", failure.code());
        assertEquals(400, failure.status());
    }

    // --- retries -----------------------------------------------------------------------------------

    @Test
    void retriesUntilSuccessWithJitteredBackoffAndCountsThem() {
        upstream.on("config", answer(503), answer(429), answer(200));
        Router.Routed<?> routed = route("{\"provider\":\"openai\",\"retry\":{\"attempts\":3}}");
        assertEquals(200, routed.response().status());
        assertEquals(2, routed.retries());
        assertEquals(2, sleeps.size());
        assertBetween(sleeps.get(0), 250, 500);
        assertBetween(sleeps.get(1), 500, 1000);
        assertTrue(upstream.answers.get(0).aborted() && upstream.answers.get(1).aborted(), "retried answers are aborted");
    }

    @Test
    void exhaustedRetriesReturnTheLastAnswerCountedMinusOne() {
        upstream.on("config", answer(503));
        Router.Routed<?> routed = route("{\"provider\":\"openai\",\"retry\":{\"attempts\":2}}");
        assertEquals(503, routed.response().status());
        assertEquals(-1, routed.retries());
        assertEquals(3, upstream.calls.size(), "the first attempt and two retries");
        assertFalse(upstream.answerFor(routed.response()).released());
    }

    @Test
    void withoutARetryConfigNothingIsRetriedAndTheCountIsZero() {
        upstream.on("config", answer(503));
        Router.Routed<?> routed = route("{\"provider\":\"openai\"}");
        assertEquals(0, routed.retries(), "Portkey-AI/gateway#1012: no -1 without a retry config");
        assertEquals(1, upstream.calls.size());
    }

    @Test
    void unlistedStatusesAreNotRetriedButConnectionFailuresAre() {
        upstream.on("config", refused(), answer(500));
        Router.Routed<?> routed = route("{\"provider\":\"openai\",\"retry\":{\"attempts\":3,\"on_status_codes\":[429]}}");
        assertEquals(500, routed.response().status(), "500 is not in the list: returned as is");
        assertEquals(1, routed.retries(), "the refused connection was retried once");
    }

    @Test
    void timeoutsAreRetriedOnlyWhenTheirStatusIsListed() {
        upstream.on("config", timedOut(), answer(200));
        RoutingFailure failure = assertThrows(RoutingFailure.class,
                () -> route("{\"provider\":\"openai\",\"retry\":{\"attempts\":2}}"));
        assertEquals(408, failure.status(), "408 is not in the default list, as in Portkey");
        upstream.calls.clear();
        assertEquals(200, route("{\"provider\":\"openai\",\"retry\":{\"attempts\":2,\"on_status_codes\":[408]}}").response().status());
    }

    @Test
    void retryAfterHeadersSetTheWait() {
        upstream.on("config", answer(429, Map.of("retry-after-ms", "1234")), answer(503, Map.of("retry-after", "Sat, 21 Nov 2026 10:00:03 GMT")),
                answer(200));
        route("{\"provider\":\"openai\",\"retry\":{\"attempts\":3}}");
        assertEquals(List.of(Duration.ofMillis(1234), Duration.ofSeconds(3)), sleeps);
    }

    @Test
    void retryAfterIsIgnoredWhenTheConfigSaysSo() {
        upstream.on("config", answer(429, Map.of("retry-after", "20")), answer(200));
        route("{\"provider\":\"openai\",\"retry\":{\"attempts\":1,\"use_retry_after_header\":false}}");
        assertBetween(sleeps.get(0), 250, 500);
    }

    @Test
    void aRetryAfterLongerThanTheCapEndsRetryingAtOnce() {
        upstream.on("config", answer(429, Map.of("retry-after", "31")), answer(200));
        Router.Routed<?> routed = route("{\"provider\":\"openai\",\"retry\":{\"attempts\":5}}");
        assertEquals(429, routed.response().status());
        assertEquals(-1, routed.retries());
        assertTrue(sleeps.isEmpty(), "no waiting 31 s");
    }

    @Test
    void waitsOfOneRequestStayWithinItsRetryTimeBudget() {
        RetryTuning tuning = new RetryTuning(Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(30),
                Duration.ofSeconds(1), 20, 10);
        upstream.on("config", answer(429, Map.of("retry-after-ms", "600")));
        Router.Routed<?> routed = route(router(tuning, SavedConfigs.none()),
                ctx("{\"provider\":\"openai\",\"retry\":{\"attempts\":5}}"), chat(null));
        assertEquals(List.of(Duration.ofMillis(600)), sleeps, "a second 600 ms wait would pass the 1 s budget");
        assertEquals(-1, routed.retries());
    }

    @Test
    void theRetryBudgetStopsARetryStorm() {
        RetryTuning tuning = new RetryTuning(Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(30),
                Duration.ofSeconds(60), 20, 1);
        Router r = router(tuning, SavedConfigs.none());
        upstream.on("config", answer(503));
        int requests = 40;
        for (int i = 0; i < requests; i++) {
            route(r, ctx("{\"provider\":\"openai\",\"retry\":{\"attempts\":5}}"), chat(null));
        }
        int retries = upstream.calls.size() - requests;
        // Without the budget: 40 × 5 = 200 retries. With it: 10 (floor: 1/s over 10 s) + 20% of 40 requests.
        assertTrue(retries <= 10 + 8, "retries: " + retries);
        assertTrue(retries >= 10, "the floor is usable: " + retries);
    }

    // --- loadbalance, conditional, nesting ----------------------------------------------------------

    @Test
    void loadbalanceNeverPicksAZeroWeight() {
        upstream.on("config.targets[1]", answer(200));
        for (int i = 0; i < 50; i++) {
            route("{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":[{\"provider\":\"openai\",\"weight\":0},{\"provider\":\"groq\",\"weight\":2}]}");
        }
        assertTrue(upstream.paths().stream().allMatch("config.targets[1]"::equals));
    }

    @Test
    void aFallbackNestedInALoadbalanceReportsItsFullPath() {
        upstream.on("config.targets[0].targets[0]", answer(500)).on("config.targets[0].targets[1]", answer(200));
        Router.Routed<?> routed = route("{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":["
                + "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[{\"provider\":\"openai\"},{\"provider\":\"groq\"}]},"
                + "{\"provider\":\"openai\",\"weight\":0}]}");
        assertEquals("config.targets[0].targets[1]", routed.target().optionPath());
    }

    @Test
    void conditionalRoutesOnMetadataAndParamsElseTheDefault() {
        String config = "{\"strategy\":{\"mode\":\"conditional\",\"conditions\":["
                + "{\"query\":{\"metadata.plan\":\"paid\"},\"then\":\"big\"},"
                + "{\"query\":{\"params.response_format.type\":\"json_object\"},\"then\":\"json\"}],\"default\":\"small\"},"
                + "\"targets\":[{\"name\":\"big\",\"provider\":\"openai\"},{\"name\":\"json\",\"provider\":\"groq\"},{\"name\":\"small\",\"provider\":\"mistral-ai\"}]}";
        upstream.on("config.targets[0]", answer(200)).on("config.targets[1]", answer(200)).on("config.targets[2]", answer(200));
        Router r = router();
        JsonObject jsonMode = io.gatehouse.testing.Fixtures.object("{\"response_format\":{\"type\":\"json_object\"}}");
        assertEquals("config.targets[0]", route(r, ctx(config, null, Map.of("plan", "paid")), chat(jsonMode)).target().optionPath());
        assertEquals("config.targets[1]", route(r, ctx(config, null, Map.of("plan", "free")), chat(jsonMode)).target().optionPath());
        assertEquals("config.targets[2]", route(r, ctx(config, null, Map.of()), chat(null)).target().optionPath());
    }

    @Test
    void conditionalWithoutMatchOrDefaultIsA400AtTheConditionalsPath() {
        RoutingFailure failure = assertThrows(RoutingFailure.class, () -> route("{\"strategy\":{\"mode\":\"conditional\","
                + "\"conditions\":[{\"query\":{\"metadata.plan\":\"paid\"},\"then\":\"a\"}]},\"targets\":[{\"name\":\"a\",\"provider\":\"openai\"}]}"));
        assertEquals(400, failure.status());
        assertEquals("Query router did not resolve to any valid target", failure.getMessage());
        assertEquals("config", failure.optionPath());
    }

    // --- request-level headers ------------------------------------------------------------------------

    @Test
    void requestHeadersOverrideEveryTargetAndConfigKeysWinOverAuthorization() {
        upstream.on("config.targets[0]", answer(503)).on("config.targets[1]", answer(200));
        RequestContext ctx = new RequestContext("t", null, "sk-client", "http://127.0.0.1:9999/v1",
                "{\"strategy\":{\"mode\":\"fallback\"},\"request_timeout\":5000,\"targets\":["
                        + "{\"provider\":\"openai\",\"custom_host\":\"http://127.0.0.1:1/v1\",\"forward_headers\":[\"x-a\"]},"
                        + "{\"provider\":\"groq\",\"api_key\":\"sk-groq\"}]}",
                Map.of(), List.of("x-b"), Duration.ofMillis(50), RequestHeaders.of(Map.of()));
        route(router(), ctx, chat(null));
        for (ResolvedTarget t : upstream.calls) {
            assertEquals("http://127.0.0.1:9999/v1", t.customHost());
            assertEquals(List.of("x-b"), t.forwardHeaders());
            assertEquals(Duration.ofMillis(50), t.requestTimeout());
        }
        assertEquals("sk-client", upstream.calls.get(0).apiKey(), "no api_key: the client's Authorization");
        assertEquals("sk-groq", upstream.calls.get(1).apiKey());
    }

    // --- streams ------------------------------------------------------------------------------------

    @Test
    void aStreamThatFailsBeforeContentFallsBackAndTheClientGetsOneCleanStream() throws IOException {
        upstream.on("config.targets[0]", () -> FakeResponses.of(200, Map.of("Content-Type", SSE),
                        ROLE + "data: {\"error\":{\"message\":\"overloaded\"}}\n\n"))
                .on("config.targets[1]", () -> FakeResponses.of(200, Map.of("Content-Type", SSE), ROLE + CONTENT));
        Router.Routed<?> routed = route(FALLBACK);
        assertEquals("config.targets[1]", routed.target().optionPath());
        assertEquals(ROLE + CONTENT, new String(routed.body().readAllBytes(), StandardCharsets.UTF_8),
                "the held role chunk is replayed, then the rest");
        assertTrue(upstream.answers.get(0).aborted());
    }

    @Test
    void aStreamResetBeforeContentIsRetried() throws IOException {
        upstream.on("config",
                () -> FakeResponses.of(200, Map.of("Content-Type", SSE),
                        new ScriptedStream(List.of(ROLE), () -> new SocketException("Connection reset"), () -> { })),
                () -> FakeResponses.of(200, Map.of("Content-Type", SSE), CONTENT));
        Router.Routed<?> routed = route("{\"provider\":\"openai\",\"retry\":{\"attempts\":1,\"on_status_codes\":[429]}}");
        assertEquals(1, routed.retries());
        assertEquals(CONTENT, new String(routed.body().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void withNothingLeftToTryAStreamIsRelayedAsItComes() throws IOException {
        upstream.on("config.targets[0]", () -> FakeResponses.of(200, Map.of("Content-Type", SSE), ROLE))
                .on("config.targets[1]", () -> FakeResponses.of(200, Map.of("Content-Type", SSE), ROLE));
        Router.Routed<?> routed = route(FALLBACK);
        assertEquals("config.targets[1]", routed.target().optionPath(), "the first target's empty stream fell back");
        assertTrue(upstream.answers.get(0).aborted());
        assertEquals(ROLE, new String(routed.body().readAllBytes(), StandardCharsets.UTF_8),
                "the last target's stream is not held: nothing could be done if it failed (the relay marks it)");
    }

    @Test
    void withNothingLeftToTryOnlyTheFirstEventIsAwaitedThenTheStreamIsRelayedAsItComes() throws IOException {
        AtomicLong reads = new AtomicLong();
        upstream.on("config", () -> FakeResponses.of(200, Map.of("Content-Type", SSE),
                new ScriptedStream(List.of(ROLE, CONTENT), null, reads::incrementAndGet)));
        Router.Routed<?> routed = route("{\"provider\":\"openai\"}");
        assertEquals(200, routed.response().status());
        assertEquals(1, reads.get(), "the role chunk (not content) was enough: nothing more is held");
        assertEquals(ROLE + CONTENT, new String(routed.body().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aStreamResetBeforeItsFirstByteFallsBack() throws IOException {
        upstream.on("config.targets[0]", () -> FakeResponses.resetBeforeBody(200, Map.of("Content-Type", SSE)))
                .on("config.targets[1]", () -> FakeResponses.of(200, Map.of("Content-Type", SSE), CONTENT));
        Router.Routed<?> routed = route(FALLBACK);
        assertEquals("config.targets[1]", routed.target().optionPath());
        assertTrue(upstream.answers.get(0).aborted());
        assertEquals(CONTENT, new String(routed.body().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void aStreamResetBeforeItsFirstEventWithNothingLeftIsA502() {
        upstream.on("config.targets[0]", () -> FakeResponses.resetBeforeBody(200, Map.of("Content-Type", SSE)))
                .on("config.targets[1]", () -> FakeResponses.of(200, Map.of("Content-Type", SSE),
                        new ScriptedStream(List.of("data: {\"cho"), () -> new SocketException("Connection reset"), () -> { })));
        RoutingFailure failure = assertThrows(RoutingFailure.class, () -> route(FALLBACK));
        assertEquals(502, failure.status());
        assertEquals("upstream_stream_failed", failure.error().code());
        assertEquals("config.targets[1]", failure.optionPath());
        assertTrue(upstream.answers.get(0).aborted() && upstream.answers.get(1).aborted());
    }

    // --- answers read whole (the unified routes) ---------------------------------------------------------

    private Router.Routed<?> routeReadingWhole(String config) {
        Router router = router();
        RequestContext ctx = ctx(config);
        return router.route(ctx, router.plan(ctx), chat(null), Router.Attempt.readingAnswersWhole(upstream));
    }

    private static FakeResponses.Fake cutJson(String start) {
        return FakeResponses.of(200, Map.of("Content-Type", "application/json"),
                new ScriptedStream(List.of(start), () -> new SocketException("Connection reset"), () -> { }));
    }

    @Test
    void anAnswerCutOffMidwayFallsBackWhenAnswersAreReadWhole() throws IOException {
        upstream.on("config.targets[0]", () -> cutJson("{\"id\":\"a\",\"choi"))
                .on("config.targets[1]", () -> FakeResponses.json(200, "{\"id\":\"b\"}"));
        Router.Routed<?> routed = routeReadingWhole(FALLBACK);
        assertEquals("config.targets[1]", routed.target().optionPath());
        assertTrue(upstream.answers.get(0).aborted());
        assertEquals("{\"id\":\"b\"}", new String(routed.body().readAllBytes(), StandardCharsets.UTF_8));
        assertFalse(upstream.answers.get(1).aborted(), "a whole answer's connection can be reused");
    }

    @Test
    void anAnswerCutOffMidwayWithNothingLeftIsA502() {
        upstream.on("config", () -> cutJson("{\"id\":\"a\",\"choi"));
        RoutingFailure failure = assertThrows(RoutingFailure.class, () -> routeReadingWhole("{\"provider\":\"openai\"}"));
        assertEquals(502, failure.status());
        assertEquals("upstream_answer_incomplete", failure.error().code());
        assertTrue(upstream.answers.get(0).aborted());
    }

    @Test
    void anAnswerCutOffMidwayIsRetried() throws IOException {
        upstream.on("config", () -> cutJson("{"), () -> FakeResponses.json(200, "{\"id\":\"again\"}"));
        Router.Routed<?> routed = routeReadingWhole("{\"provider\":\"openai\",\"retry\":{\"attempts\":1}}");
        assertEquals(1, routed.retries());
        assertEquals("{\"id\":\"again\"}", new String(routed.body().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void withoutReadingWholeAnAnswerIsNotReadByRouting() {
        upstream.on("config", () -> FakeResponses.of(200, Map.of("Content-Type", "application/json"),
                new ScriptedStream(List.of("{}"), null, () -> {
                    throw new AssertionError("routing must not read this answer (the proxy streams it)");
                })));
        assertNull(route("{\"provider\":\"openai\"}").peekedStream());
    }

    @Test
    void anUnexpectedFailureWhileReadingStillGivesTheConnectionBack() {
        upstream.on("config", () -> FakeResponses.of(200, Map.of("Content-Type", SSE),
                new ScriptedStream(List.of(ROLE), null, () -> {
                    throw new IllegalStateException("a bug");
                })));
        assertThrows(IllegalStateException.class, () -> route("{\"provider\":\"openai\"}"));
        assertTrue(upstream.answers.get(0).aborted());
    }

    // --- plans ---------------------------------------------------------------------------------------

    @Test
    void anInvalidConfigIsRefusedBeforeRoutingStarts() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> route("{\"weight\":-1}"));
        assertEquals("path: weight, message: must be greater than or equal to 0", e.problems().get(0).toString());
        assertTrue(upstream.calls.isEmpty());
    }

    private static void assertBetween(Duration d, long minMillis, long maxMillis) {
        assertTrue(d.toMillis() >= minMillis && d.toMillis() <= maxMillis, d + " not in [" + minMillis + ", " + maxMillis + "] ms");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "|false",
            "{\"provider\":\"openai\"}|false",
            "{\"provider\":\"openai\",\"retry\":{\"attempts\":2}}|true",
            "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[{\"provider\":\"openai\"},{\"provider\":\"groq\"}]}|true",
            "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":[{\"provider\":\"openai\"},{\"provider\":\"groq\"}]}|false",
            "{\"strategy\":{\"mode\":\"loadbalance\"},\"targets\":[{\"provider\":\"openai\"},{\"provider\":\"groq\",\"retry\":{\"attempts\":1}}]}|true"})
    void aBodyIsKeptForAResendOnlyWhenTheRouteCouldMakeOne(String config, boolean mayResend) {
        Router router = router();
        RequestContext ctx = ctx(config);
        assertEquals(mayResend, router.mayResend(router.plan(ctx), ctx));
    }
}
