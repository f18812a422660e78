package io.gatehouse.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.gatehouse.access.Caller;
import io.gatehouse.routing.ResolvedTarget;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Cache keys: one key per meaning of the upstream body, never one shared by two tenants or targets. */
class CacheKeysTest {
    private static final String ROUTE = "/v1/chat/completions";

    static Stream<Arguments> sameMeaning() {
        return Stream.of(
                Arguments.of("{\"model\":\"m\",\"temperature\":1}", "{ \"temperature\" : 1.0 ,\n \"model\":\"m\" }"),
                Arguments.of("{\"a\":{\"y\":1,\"x\":[1,2]}}", "{\"a\":{\"x\":[1,2],\"y\":1e0}}"),
                Arguments.of("{\"t\":\"caf\\u00e9\"}", "{\"t\":\"café\"}"),
                Arguments.of("{\"m\":1,\"stream\":true,\"stream_options\":{\"include_usage\":true}}", "{\"m\":1}"),
                Arguments.of("{\"n\":0}", "{\"n\":-0.0}"));
    }

    @ParameterizedTest
    @MethodSource("sameMeaning")
    void bodiesThatMeanTheSameShareAKey(String a, String b) {
        assertEquals(key(a, false), key(b, false));
    }

    static Stream<Arguments> differentMeaning() {
        return Stream.of(
                Arguments.of("{\"x\":[1,2]}", "{\"x\":[2,1]}"),
                Arguments.of("{\"x\":1}", "{\"x\":\"1\"}"),
                Arguments.of("{\"x\":{\"stream\":true}}", "{\"x\":{}}"),
                Arguments.of("{\"t\":\"Paris\"}", "{\"t\":\"paris\"}"));
    }

    @ParameterizedTest
    @MethodSource("differentMeaning")
    void bodiesThatDifferHaveDifferentKeys(String a, String b) {
        assertNotEquals(key(a, false), key(b, false));
    }

    @Test
    void aStreamAndAJsonAnswerHaveDifferentKeys() {
        assertNotEquals(key("{\"m\":1}", false), key("{\"m\":1}", true));
    }

    @Test
    void theTenantHashesTheProviderKeyAndNeverHoldsIt() {
        ResolvedTarget a = ResponseCachingTest.target("sk-secret-a", null);
        String tenant = CacheKeys.tenant(Caller.OPEN, a);
        assertFalse(tenant.contains("sk-secret-a"));
        assertNotEquals(tenant, CacheKeys.tenant(Caller.OPEN, ResponseCachingTest.target("sk-secret-b", null)));
        assertNotEquals(tenant, CacheKeys.tenant(Caller.OPEN, ResponseCachingTest.target("sk-secret-a", null, "http://127.0.0.1:1")));
        assertEquals(tenant, CacheKeys.tenant(Caller.OPEN, ResponseCachingTest.target("sk-secret-a", null)));
    }

    @Test
    void theRouteAndTheModelArePartOfTheKey() {
        JsonValue body = parse("{\"m\":1}");
        String tenant = CacheKeys.tenant(Caller.OPEN, ResponseCachingTest.target("k", null));
        ResolvedTarget target = ResponseCachingTest.target("k", null);
        assertNotEquals(CacheKeys.exact(tenant, target, ROUTE, body, false),
                CacheKeys.exact(tenant, target, "/v1/completions", body, false));
        ResolvedTarget otherModel = new ResolvedTarget(target.provider(), "k", null, null, null, null, "config",
                target.retry(), target.providerOptions(), null, "gpt-4o-mini", null);
        assertNotEquals(CacheKeys.exact(tenant, target, ROUTE, body, false), CacheKeys.exact(tenant, otherModel, ROUTE, body, false));
    }

    @Test
    void canonicalTextSortsMembersAndDropsOnlyTopLevelDeliveryMembers() {
        assertEquals("{\"a\":1,\"b\":{\"stream\":true}}",
                CanonicalJson.of(parse("{\"b\":{\"stream\":true},\"stream\":false,\"a\":1.00}"), CacheKeys.DELIVERY_MEMBERS));
        assertEquals("[1,\"x\",null,true]", CanonicalJson.of(parse("[1.0,\"x\",null,true]"), Set.of()));
    }

    private static String key(String body, boolean stream) {
        ResolvedTarget target = ResponseCachingTest.target("k", null);
        return CacheKeys.exact(CacheKeys.tenant(Caller.OPEN, target), target, ROUTE, parse(body), stream);
    }

    private static JsonValue parse(String json) {
        return Json.createReader(new StringReader(json)).readValue();
    }
}
