package io.gatehouse.provider;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.error.GatewayException;
import io.gatehouse.http.Header;
import io.gatehouse.testing.FixtureSource;
import io.gatehouse.testing.Fixtures;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ProviderSpecTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.defaults();

    static Stream<Named<JsonObject>> defaultEndpoints() {
        return Fixtures.cases("provider/default-endpoints.json");
    }

    /** Each provider's default URL per capability; the capabilities listed are exactly the ones it has. */
    @ParameterizedTest
    @FixtureSource("provider/default-endpoints.json")
    void defaultEndpointUrls(JsonObject c) {
        ProviderSpec spec = REGISTRY.resolve(c.getString("slug"));
        if (c.getBoolean("customHostRequired", false)) {
            for (Capability capability : Capability.values()) {
                GatewayException e = assertGatewayError(400, "custom_host_required", () -> spec.endpointUrl(null, capability));
                assertTrue(e.getMessage().contains("'" + spec.slug() + "'"), e.getMessage());
            }
            assertEquals(capabilities(c.getJsonArray("capabilities").getValuesAs(jakarta.json.JsonString::getString)),
                    spec.capabilities());
            return;
        }
        JsonObject urls = c.getJsonObject("urls");
        assertEquals(capabilities(new ArrayList<>(urls.keySet())), spec.capabilities());
        urls.forEach((capability, url) -> assertEquals(
                ((jakarta.json.JsonString) url).getString(), spec.endpointUrl(null, Capability.valueOf(capability)), capability));
    }

    @ParameterizedTest
    @FixtureSource("provider/custom-host-endpoints.json")
    void customHostEndpointUrls(JsonObject c) {
        ProviderSpec spec = REGISTRY.resolve(c.getString("slug"));
        assertEquals(c.getString("url"), spec.endpointUrl(c.getString("customHost"), Capability.valueOf(c.getString("capability"))));
    }

    @Test
    void everyCompatibleProviderHasADefaultEndpointRow() {
        List<String> rows = defaultEndpoints().map(n -> n.getPayload().getString("slug")).toList();
        for (ProviderSpec spec : OpenAiCompatibleProviders.table()) {
            assertTrue(rows.contains(spec.slug()), "no row in provider/default-endpoints.json for " + spec.slug());
        }
    }

    @ParameterizedTest
    @CsvSource({
            "BEARER,       Authorization,  Bearer sk-1",
            "X_API_KEY,    x-api-key,      sk-1",
            "API_KEY,      api-key,        sk-1",
            "GOOG_API_KEY, x-goog-api-key, sk-1"})
    void authHeadersPerScheme(AuthScheme scheme, String name, String value) {
        ProviderSpec spec = spec(scheme, List.of());
        assertEquals(List.of(new Header(name, value)), spec.authHeaders("sk-1"));
    }

    @ParameterizedTest
    @EnumSource(AuthScheme.class)
    void noKeyNoAuthHeader(AuthScheme scheme) {
        assertEquals(List.of(), spec(scheme, List.of()).authHeaders(null));
    }

    @Test
    void fixedHeadersFollowTheAuthHeader() {
        Header version = new Header("anthropic-version", "2023-06-01");
        ProviderSpec spec = spec(AuthScheme.X_API_KEY, List.of(version));
        assertEquals(List.of(new Header("x-api-key", "sk-1"), version), spec.authHeaders("sk-1"));
        assertEquals(List.of(version), spec.authHeaders(null));
    }

    @Test
    void compatibleProvidersUseBearerAuth() {
        for (ProviderSpec spec : OpenAiCompatibleProviders.table()) {
            assertEquals(AuthScheme.BEARER, spec.auth(), spec.slug());
        }
    }

    @Test
    void openAiPassesItsOwnHeadersThrough() {
        assertEquals(Set.of("openai-organization", "openai-project", "openai-beta"),
                REGISTRY.resolve("openai").passThroughHeaders());
        assertEquals(Set.of(), REGISTRY.resolve("groq").passThroughHeaders());
    }

    @Test
    void specIsImmutable() {
        Set<Capability> capabilities = EnumSet.of(Capability.CHAT_COMPLETIONS);
        ProviderSpec spec = new ProviderSpec("x", "https://x.example", "", AuthScheme.BEARER, capabilities, Set.of(), List.of());
        capabilities.add(Capability.EMBEDDINGS);
        assertFalse(spec.supports(Capability.EMBEDDINGS));
        assertThrows(UnsupportedOperationException.class, () -> spec.capabilities().add(Capability.COMPLETIONS));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://h/v1|http://h/v1",
            "http://h/v1/|http://h/v1",
            "http://h///|http://h",
            "http://h|http://h"})
    void stripTrailingSlash(String given, String expected) {
        assertEquals(expected, ProviderSpec.stripTrailingSlash(given));
    }

    private static ProviderSpec spec(AuthScheme scheme, List<Header> fixed) {
        return new ProviderSpec("p", "https://p.example", "", scheme, Set.of(Capability.CHAT_COMPLETIONS), Set.of(), fixed);
    }

    private static Set<Capability> capabilities(List<String> names) {
        Set<Capability> set = EnumSet.noneOf(Capability.class);
        names.forEach(n -> set.add(Capability.valueOf(n)));
        return set;
    }
}
