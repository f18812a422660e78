package io.gatehouse.routing;

import static io.gatehouse.routing.ScriptedAttempt.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.access.Catalog;
import io.gatehouse.access.CatalogEntry;
import io.gatehouse.access.KeyRing;
import io.gatehouse.access.Limits;
import io.gatehouse.access.ModelNames;
import io.gatehouse.config.ConfigEnvironment;
import io.gatehouse.config.ConfigParser;
import io.gatehouse.config.ProviderOptions;
import io.gatehouse.config.RetryTuning;
import io.gatehouse.config.SavedConfigs;
import io.gatehouse.context.RequestContext;
import io.gatehouse.egress.HostPolicy;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.limits.Admission;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ProviderRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The routing core lends a catalog entry's keys in turn and moves past a key the provider refuses. */
class CatalogKeyRotationTest {
    private final AtomicLong clock = new AtomicLong();
    private final ScriptedAttempt upstream = new ScriptedAttempt();
    private final KeyRing keys = new KeyRing(List.of("sk-1", "sk-2", "sk-3"), Duration.ofSeconds(60), clock::get);
    private final Catalog catalog = new Catalog(List.of(new CatalogEntry("openai-prod", ProviderRegistry.defaults().resolve("openai"),
            keys, null, ProviderOptions.NONE, ModelNames.ANY, Limits.NONE, Map.of())), Map.of());

    private Router router() {
        ResolveProvider providers = new ResolveProvider(ProviderRegistry.defaults(), () -> catalog);
        ConfigParser parser = new ConfigParser(new ConfigEnvironment(HostPolicy.selfHostedDefault(), providers::isKnown, providers.validNames()));
        RetryTuning tuning = RetryTuning.DEFAULTS;
        SplittableRandom random = new SplittableRandom(1);
        AttemptTarget attempts = new AttemptTarget(tuning, new Backoff(tuning.backoffBase(), tuning.backoffCap(), random),
                new RetryBudget(tuning.budgetPercent(), tuning.budgetMinPerSecond(), clock::get), d -> { }, clock::get,
                () -> Instant.EPOCH);
        return new Router(new RoutePlans(parser, SavedConfigs.none()), new ResolveTarget(providers, HostPolicy.selfHostedDefault()),
                attempts, random, Admission.UNLIMITED);
    }

    private Router.Routed<?> route(Router router) {
        RequestContext ctx = new RequestContext("t", "@openai-prod", "sk-client", null, null, Map.of(), null, null,
                RequestHeaders.of(Map.of()));
        return router.route(ctx, router.plan(ctx), new RouteRequest(Capability.CHAT_COMPLETIONS, "/v1/chat/completions", () -> null),
                upstream);
    }

    private List<String> keysSent() {
        List<String> out = new ArrayList<>();
        upstream.calls.forEach(c -> out.add(c.apiKey()));
        return out;
    }

    @Test
    void requestsTakeTheKeysInTurnAndNeverTheClientsKey() {
        upstream.on("config", answer(200));
        Router router = router();
        for (int i = 0; i < 4; i++) {
            route(router);
        }
        assertEquals(List.of("sk-1", "sk-2", "sk-3", "sk-1"), keysSent());
    }

    @Test
    void aKeyAnswered401IsSetAsideAndTheSameRequestGoesOnWithTheNextKey() {
        upstream.on("config", answer(401), answer(200));
        Router router = router();

        Router.Routed<?> routed = route(router);
        assertEquals(200, routed.response().status());
        assertEquals("sk-2", routed.target().apiKey(), "the answer came with the second key");
        assertEquals(0, routed.retries(), "a key change is not a retry");
        assertTrue(upstream.answers.get(0).aborted(), "the refused answer is closed");

        route(router);
        route(router);
        assertEquals(List.of("sk-1", "sk-2", "sk-3", "sk-2"), keysSent(), "sk-1 sits out its cool-down");

        clock.addAndGet(Duration.ofSeconds(60).toNanos());
        route(router);
        assertEquals("sk-3", keysSent().get(4));
        route(router);
        assertEquals("sk-1", keysSent().get(5), "back in turn after the cool-down");
    }

    @Test
    void whenEveryKeyIsRefusedTheLastAnswerStands() {
        upstream.on("config", answer(429));
        Router.Routed<?> routed = route(router());
        assertEquals(429, routed.response().status());
        assertEquals(List.of("sk-1", "sk-2", "sk-3"), keysSent(), "each key once, then the 429 is the answer");
    }
}
