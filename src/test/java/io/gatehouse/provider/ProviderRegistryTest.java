package io.gatehouse.provider;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.error.GatewayException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderRegistryTest {
    private final ProviderRegistry registry = ProviderRegistry.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"openai", "OpenAI", "OPENAI", "Together-AI"})
    void slugLookupIgnoresCase(String slug) {
        assertEquals(slug.toLowerCase(java.util.Locale.ROOT), registry.resolve(slug).slug());
    }

    @Test
    void unknownSlugIsA400ListingTheValidOnes() {
        GatewayException e = assertGatewayError(400, "unknown_provider", () -> registry.resolve("not-a-provider"));
        assertTrue(e.getMessage().contains("'not-a-provider'"), e.getMessage());
        assertTrue(e.getMessage().contains("Valid providers: " + String.join(", ", registry.slugs())), e.getMessage());
        assertTrue(e.getMessage().contains("openai") && e.getMessage().contains("ollama"), e.getMessage());
    }

    /** The slug lists the pipeline, the OpenAI mapper and the dialects kept before these facts joined the table. */
    @Test
    void apiTraitsNameTheProvidersThatHaveThem() {
        assertEquals(Set.of("openai", "groq", "deepseek", "together-ai", "fireworks-ai", "openrouter", "x-ai", "cerebras",
                "deepinfra", "ollama", "openai-compatible"), slugsWith(ApiTrait.STREAM_USAGE_OPTION));
        assertEquals(Set.of("openai", "azure-openai"), slugsWith(ApiTrait.MAX_COMPLETION_TOKENS));
        assertEquals(Set.of("anthropic"), slugsWith(ApiTrait.SERVES_MESSAGES));
        assertEquals(Set.of("openai", "azure-openai"), slugsWith(ApiTrait.SERVES_RESPONSES));
    }

    private Set<String> slugsWith(ApiTrait trait) {
        return registry.slugs().stream().filter(slug -> registry.resolve(slug).has(trait)).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void slugsAreSortedAndComplete() {
        List<String> slugs = registry.slugs();
        assertEquals(slugs.stream().sorted().toList(), slugs);
        assertTrue(slugs.containsAll(OpenAiCompatibleProviders.table().stream().map(ProviderSpec::slug).toList()), slugs.toString());
        assertTrue(slugs.containsAll(NativeProviders.table().stream().map(ProviderSpec::slug).toList()), slugs.toString());
        assertEquals(slugs.stream().distinct().count(), slugs.size());
    }

    @Test
    void duplicateSlugsAreRefused() {
        ProviderSpec a = new ProviderSpec("dup", "https://a.example", "", AuthScheme.BEARER, Set.of(), Set.of(), List.of());
        ProviderSpec b = new ProviderSpec("dup", "https://b.example", "", AuthScheme.BEARER, Set.of(), Set.of(), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ProviderRegistry(List.of(a, b)));
        assertTrue(e.getMessage().contains("dup"));
    }
}
