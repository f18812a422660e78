package io.gatehouse.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.access.Caller;
import io.gatehouse.config.CacheConfig;
import io.gatehouse.config.ResponseCacheSettings;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.Header;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.routing.RetryPolicy;
import io.gatehouse.config.ProviderOptions;
import io.gatehouse.upstream.RequestBody;
import io.gatehouse.upstream.UpstreamRequest;
import io.gatehouse.upstream.UpstreamResponse;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The cache stage per attempt, on the real Ehcache store: what is a hit, what is kept, what never is. The
 * semantic cases use a bag-of-words embedder (the built-in model is exercised by {@code CacheIT}).
 */
class ResponseCachingTest {
    private static final ProviderRegistry PROVIDERS = ProviderRegistry.defaults();
    private static final String ROUTE = "/v1/chat/completions";
    private static final String ANSWER = "{\"id\":\"c-1\",\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Paris\"}}]}";

    private final ResponseCaching caching = new ResponseCaching(ResponseCacheSettings.DEFAULTS,
            new ResponseCache(ResponseCacheSettings.DEFAULTS), BagOfWords::embed);

    @AfterEach
    void close() {
        caching.close();
    }

    @Test
    void withoutACacheRequestNothingIsLookedUpOrKept() {
        CacheLookup lookup = lookup(headers(), target("sk-a", null), body("Hi"));
        assertEquals(CacheStatus.DISABLED, lookup.status());
        answer(lookup, 200, ANSWER);
        assertEquals(CacheStatus.DISABLED, lookup(headers(), target("sk-a", null), body("Hi")).status());
    }

    @Test
    void aRepeatIsAHitWithTheKeptBytes() throws IOException {
        CacheLookup first = lookup(simple(), target("sk-a", null), body("Hi"));
        assertEquals(CacheStatus.MISS, first.status());
        assertTrue(first.hit().isEmpty());
        answer(first, 200, ANSWER);

        CacheLookup second = lookup(simple(), target("sk-a", null), body("Hi"));
        assertEquals(CacheStatus.HIT, second.status());
        UpstreamResponse replay = second.hit().orElseThrow();
        assertEquals(200, replay.status());
        assertEquals("application/json", replay.header("content-type"));
        assertArrayEquals(ANSWER.getBytes(StandardCharsets.UTF_8), replay.body().readAllBytes());
    }

    @Test
    void theConfigsCacheTurnsItOnWithoutTheHeader() {
        answer(lookup(headers(), target("sk-a", new CacheConfig("simple", 60L)), body("Hi")), 200, ANSWER);
        assertEquals(CacheStatus.HIT, lookup(headers(), target("sk-a", new CacheConfig("simple", 60L)), body("Hi")).status());
    }

    @Test
    void forceRefreshSkipsTheLookupAndKeepsTheNewAnswer() throws IOException {
        answer(lookup(simple(), target("sk-a", null), body("Hi")), 200, ANSWER);
        CacheLookup refresh = lookup(headers("x-portkey-cache", "simple", "x-portkey-cache-force-refresh", "true"),
                target("sk-a", null), body("Hi"));
        assertEquals(CacheStatus.REFRESH, refresh.status());
        assertTrue(refresh.hit().isEmpty());
        answer(refresh, 200, "{\"fresh\":true}");
        assertEquals("{\"fresh\":true}", new String(lookup(simple(), target("sk-a", null), body("Hi")).hit().orElseThrow()
                .body().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void anAnswerExpiresItsMaxAgeInSecondsAfterItWasKept() throws InterruptedException {
        CacheConfig oneSecond = new CacheConfig("simple", 1L);
        answer(lookup(headers(), target("sk-a", oneSecond), body("Hi")), 200, ANSWER);
        assertEquals(CacheStatus.HIT, lookup(headers(), target("sk-a", oneSecond), body("Hi")).status());
        Thread.sleep(1300);
        assertEquals(CacheStatus.MISS, lookup(headers(), target("sk-a", oneSecond), body("Hi")).status());
    }

    @Test
    void callersWithDifferentProviderKeysOrHostsNeverShare() {
        answer(lookup(simple(), target("sk-a", null), body("Hi")), 200, ANSWER);
        assertEquals(CacheStatus.MISS, lookup(simple(), target("sk-b", null), body("Hi")).status());
        assertEquals(CacheStatus.MISS, lookup(simple(), target("sk-a", null, "http://127.0.0.1:2/v1"), body("Hi")).status());
        assertEquals(CacheStatus.MISS, lookup(simple(), target("sk-a", null), body("Hello")).status());
    }

    @Test
    void errorsAreNeverKept() {
        answer(lookup(simple(), target("sk-a", null), body("Hi")), 429, "{\"error\":{\"message\":\"slow down\"}}");
        answer(lookup(simple(), target("sk-a", null), body("Hi")), 500, "{\"error\":{}}");
        assertEquals(CacheStatus.MISS, lookup(simple(), target("sk-a", null), body("Hi")).status());
    }

    @Test
    void anAnswerTheClientGotAsAnErrorIsNotKept() throws IOException {
        CacheLookup lookup = lookup(simple(), target("sk-a", null), body("Hi"));
        readAll(lookup.keeping(live(200, ANSWER)));
        lookup.keepIfComplete(502); // the translation failed
        assertEquals(CacheStatus.MISS, lookup(simple(), target("sk-a", null), body("Hi")).status());
    }

    @Test
    void anAnswerReadOnlyInPartOrDiscardedIsNotKept() throws IOException {
        CacheLookup partial = lookup(simple(), target("sk-a", null), body("Hi"));
        try (InputStream in = partial.keeping(live(200, ANSWER)).body()) {
            in.readNBytes(5); // the client went away
        }
        partial.keepIfComplete(200);
        CacheLookup discarded = lookup(simple(), target("sk-a", null), body("Hi"));
        readAll(discarded.keeping(live(200, ANSWER)));
        discarded.discard(); // a later stage rejected it
        discarded.keepIfComplete(200);
        assertEquals(CacheStatus.MISS, lookup(simple(), target("sk-a", null), body("Hi")).status());
    }

    @Test
    void anAnswerLargerThanAnEntryMayBeIsNotKept() {
        ResponseCacheSettings small = new ResponseCacheSettings(true, 10, 1 << 20, 16, Duration.ofHours(1),
                Duration.ofDays(1), 0.95, 10, 10);
        try (ResponseCaching tiny = new ResponseCaching(small, new ResponseCache(small), BagOfWords::embed)) {
            answer(tiny.lookup(Caller.OPEN, simple(), target("sk-a", null), ROUTE, request(body("Hi")), () -> body("Hi"), false, false),
                    200, ANSWER);
            assertEquals(CacheStatus.MISS, tiny.lookup(Caller.OPEN, simple(), target("sk-a", null), ROUTE, request(body("Hi")),
                    () -> body("Hi"), false, false).status());
        }
    }

    @Test
    void aStreamAndAJsonAnswerAreKeptApart() {
        answer(lookup(simple(), target("sk-a", null), body("Hi")), 200, ANSWER);
        assertEquals(CacheStatus.MISS, caching.lookup(Caller.OPEN, simple(), target("sk-a", null), ROUTE,
                request(body("Hi")), () -> body("Hi"), true, false).status());
    }

    @Test
    void aStreamRequestTakesTheKeptJsonAnswerWhenItsTranslationCanStreamIt() {
        answer(lookup(simple(), target("sk-a", null), body("Hi")), 200, ANSWER);
        CacheLookup stream = caching.lookup(Caller.OPEN, simple(), target("sk-a", null), ROUTE, request(body("Hi")),
                () -> body("Hi"), true, true);
        assertEquals(CacheStatus.HIT, stream.status());
        assertEquals("application/json", stream.hit().orElseThrow().header("content-type"));
        assertTrue(stream.hit().orElseThrow().isReplayedWholeAnswer(), "a whole answer, to be told as the client's stream");
        answer(caching.lookup(Caller.OPEN, simple(), target("sk-a", null), ROUTE, request(body("Ho")), () -> body("Ho"), true, true),
                200, "data: {}\n\n");
        assertFalse(caching.lookup(Caller.OPEN, simple(), target("sk-a", null), ROUTE, request(body("Ho")), () -> body("Ho"), true, true)
                .hit().orElseThrow().isReplayedWholeAnswer(), "a kept stream is replayed as a stream");
    }

    @Test
    void badCacheHeadersAreRefused() {
        assertThrows(GatewayException.class, () -> lookup(headers("x-portkey-cache", "always"), target("sk-a", null), body("Hi")));
        assertThrows(GatewayException.class, () -> lookup(headers("x-portkey-cache", "simple",
                "x-portkey-cache-force-refresh", "yes"), target("sk-a", null), body("Hi")));
    }

    @Test
    void semanticModeAnswersASimilarPromptAndNotAnUnrelatedOne() {
        RequestHeaders semantic = headers("x-portkey-cache", "semantic");
        CacheLookup first = lookup(semantic, target("sk-a", null), body("What is the capital of France?"));
        assertEquals(CacheStatus.SEMANTIC_MISS, first.status());
        answer(first, 200, ANSWER);
        assertEquals(CacheStatus.SEMANTIC_HIT, lookup(semantic, target("sk-a", null), body("what is the capital of france")).status());
        assertEquals(CacheStatus.SEMANTIC_MISS, lookup(semantic, target("sk-a", null), body("Write a poem about the sea")).status());
    }

    @Test
    void theConfigsSimilarityIsTheThreshold() {
        CacheConfig loose = new CacheConfig("semantic", null, 0.5);
        answer(lookup(headers(), target("sk-a", loose), body("capital of France")), 200, ANSWER);
        assertEquals(CacheStatus.SEMANTIC_HIT, lookup(headers(), target("sk-a", loose), body("capital of Germany")).status());
        CacheConfig strict = new CacheConfig("semantic", null, 0.95);
        assertEquals(CacheStatus.SEMANTIC_MISS, lookup(headers(), target("sk-a", strict), body("capital of Germany")).status());
    }

    @Test
    void semanticModeNeverCrossesTenantsSystemPromptsOrTools() {
        RequestHeaders semantic = headers("x-portkey-cache", "semantic");
        answer(lookup(semantic, target("sk-a", null), body("What is the capital of France?")), 200, ANSWER);
        assertEquals(CacheStatus.SEMANTIC_MISS, lookup(semantic, target("sk-b", null), body("what is the capital of france")).status());
        JsonObject withSystem = object("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"system\",\"content\":\"Answer in French\"},"
                + "{\"role\":\"user\",\"content\":\"what is the capital of france\"}]}");
        assertEquals(CacheStatus.SEMANTIC_MISS, lookup(semantic, target("sk-a", null), withSystem).status());
        JsonObject withTools = object("{\"model\":\"gpt-4o\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"what is the capital of france\"}]}");
        assertEquals(CacheStatus.SEMANTIC_MISS, lookup(semantic, target("sk-a", null), withTools).status());
    }

    // --- helpers

    private CacheLookup lookup(RequestHeaders headers, ResolvedTarget target, JsonObject body) {
        return caching.lookup(Caller.OPEN, headers, target, ROUTE, request(body), () -> body, false, false);
    }

    /** The upstream answers; the relay reads it whole and the client gets {@code status}. */
    private static void answer(CacheLookup lookup, int status, String body) {
        try {
            readAll(lookup.keeping(live(status, body)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        lookup.keepIfComplete(status);
    }

    private static void readAll(UpstreamResponse response) throws IOException {
        try (InputStream in = response.body()) {
            in.readAllBytes();
        }
    }

    static UpstreamResponse live(int status, String body) {
        return UpstreamResponse.replayed(status, List.of(new Header("Content-Type", "application/json")),
                body.getBytes(StandardCharsets.UTF_8), false);
    }

    static UpstreamRequest request(JsonObject body) {
        return new UpstreamRequest("POST", URI.create("https://api.openai.com/v1/chat/completions"), List.of(),
                RequestBody.of(body.toString().getBytes(StandardCharsets.UTF_8)), null);
    }

    static JsonObject body(String prompt) {
        return Json.createObjectBuilder().add("model", "gpt-4o")
                .add("messages", Json.createArrayBuilder().add(Json.createObjectBuilder().add("role", "user").add("content", prompt)))
                .build();
    }

    static JsonObject object(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    static ResolvedTarget target(String apiKey, CacheConfig cache) {
        return target(apiKey, cache, null);
    }

    static ResolvedTarget target(String apiKey, CacheConfig cache, String customHost) {
        return new ResolvedTarget(PROVIDERS.resolve("openai"), apiKey, customHost, null, null, null, "config",
                RetryPolicy.NONE, ProviderOptions.NONE, null, "gpt-4o", cache);
    }

    private static RequestHeaders simple() {
        return headers("x-portkey-cache", "simple");
    }

    static RequestHeaders headers(String... pairs) {
        java.util.LinkedHashMap<String, List<String>> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], List.of(pairs[i + 1]));
        }
        return RequestHeaders.of(Map.copyOf(map));
    }

    /** A stand-in embedder: words hashed into 64 buckets, so equal word sets are identical vectors. */
    static final class BagOfWords {
        static float[] embed(String text) {
            float[] v = new float[64];
            for (String word : text.split("\\s+")) {
                if (!word.isEmpty()) {
                    v[Math.floorMod(word.hashCode(), 64)] += 1;
                }
            }
            return v;
        }
    }
}
