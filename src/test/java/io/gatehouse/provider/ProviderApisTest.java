package io.gatehouse.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.error.GatewayException;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.Json;
import io.gatehouse.model.openai.OpenAiRequests;
import io.gatehouse.provider.anthropic.AnthropicProvider;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderApisTest {
    private final ProviderRegistry registry = ProviderRegistry.defaults();

    @Test
    void translatedProvidersAreRegisteredWithTheirCapabilities() {
        assertEquals(EnumSet.of(Capability.CHAT_COMPLETIONS), registry.resolve("anthropic").capabilities());
        assertEquals(EnumSet.of(Capability.CHAT_COMPLETIONS, Capability.EMBEDDINGS), registry.resolve("google").capabilities());
        assertEquals(EnumSet.of(Capability.CHAT_COMPLETIONS, Capability.EMBEDDINGS, Capability.RERANK),
                registry.resolve("cohere").capabilities());
        assertEquals(EnumSet.of(Capability.CHAT_COMPLETIONS, Capability.EMBEDDINGS, Capability.RERANK),
                registry.resolve("bedrock").capabilities());
        assertEquals(EnumSet.of(Capability.CHAT_COMPLETIONS, Capability.COMPLETIONS, Capability.EMBEDDINGS),
                registry.resolve("azure-openai").capabilities());
        assertInstanceOf(TranslatingApi.class, registry.resolve("anthropic").api());
        assertInstanceOf(PassThroughApi.class, registry.resolve("azure-openai").api());
        assertEquals(PassThroughApi.OPENAI_COMPATIBLE, registry.resolve("openai").api(), "OpenAI-compatible rows stay pass-through");
        assertTrue(registry.slugs().containsAll(List.of("anthropic", "google", "cohere", "azure-openai", "openai")));
    }

    @Test
    void proxyBasesServeProxiedPaths() {
        assertEquals("https://api.cohere.ai/v1", registry.resolve("cohere").proxyBase(null), "POST /v1/rerank → https://api.cohere.ai/v1/rerank");
        assertEquals("https://api.anthropic.com/v1", registry.resolve("anthropic").proxyBase(null));
        assertEquals("https://generativelanguage.googleapis.com/v1beta", registry.resolve("google").proxyBase(null));
        for (String slug : List.of("cohere", "google", "together-ai", "openai", "ollama")) {
            assertEquals("http://127.0.0.1:1/c", registry.resolve(slug).proxyBase("http://127.0.0.1:1/c/"),
                    slug + ": a custom host is the proxy's base exactly, as Portkey appends the path to it");
        }
    }

    /** Portkey's base for Cohere has no version ({@code https://api.cohere.ai}): a custom host gets {@code /v2/chat} appended. */
    @Test
    void cohereV2EndpointsAreAppendedToTheCustomHostAsPortkeyDoes() {
        ProviderSpec cohere = registry.resolve("cohere");
        TranslatingApi api = (TranslatingApi) cohere.api();
        ChatRequest chat = OpenAiRequests.chat(Json.parse(
                "{\"model\":\"c\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").asJsonObject());
        Map<String, String> urls = Map.of("http://127.0.0.1:1/c", "http://127.0.0.1:1/c/v2/chat",
                "http://127.0.0.1:1/c/", "http://127.0.0.1:1/c/v2/chat",
                "http://127.0.0.1:1/c/v1", "http://127.0.0.1:1/c/v1/v2/chat");
        urls.forEach((host, url) -> {
            ProviderCall call = new ProviderCall(cohere, "k", host, RequestHeaders.of(Map.of()), TargetFields.NONE);
            assertEquals(url, api.chat().request(chat, call).endpoint().uri().toString(), host);
        });
    }

    @Test
    void theShortConstructorMakesAnOpenAiFormatProvider() {
        ProviderSpec spec = new ProviderSpec("x", "https://x", "", AuthScheme.BEARER, Set.of(), Set.of(), List.of());
        assertEquals(PassThroughApi.OPENAI_COMPATIBLE, spec.api());
    }

    @Test
    void aTranslatingProviderMustTranslateEveryCapabilityItClaims() {
        TranslatingApi chatOnly = (TranslatingApi) AnthropicProvider.spec().api();
        assertThrows(IllegalArgumentException.class, () -> new ProviderSpec("x", "https://x", "", AuthScheme.BEARER,
                EnumSet.of(Capability.CHAT_COMPLETIONS, Capability.EMBEDDINGS), Set.of(), List.of(), chatOnly, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new ProviderSpec("x", "https://x", "", AuthScheme.BEARER,
                EnumSet.of(Capability.COMPLETIONS), Set.of(), List.of(), chatOnly, Set.of()));
    }

    @Test
    void openAiCompatibleProvidersWithoutHostStillNeedACustomHost() {
        GatewayException e = assertThrows(GatewayException.class, () -> registry.resolve("ollama").requireReachable(null));
        assertEquals("custom_host_required", e.code());
        assertFalse(registry.resolve("anthropic").supports(Capability.EMBEDDINGS));
    }
}
