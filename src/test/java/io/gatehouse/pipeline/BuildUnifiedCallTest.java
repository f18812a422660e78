package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gatehouse.context.RequestContext;
import io.gatehouse.http.Header;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.model.Json;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.upstream.UpstreamRequest;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seam between the unified path and the providers: what goes upstream for each kind of provider. */
class BuildUnifiedCallTest {
    private static final ProviderRegistry PROVIDERS = ProviderRegistry.defaults();
    private static final String CHAT = "{\"model\":\"m\",  \"messages\":[{\"role\":\"user\",\"content\":\"caf\\u00e9\"}]}";

    private static RequestContext context(Map<String, String> headers) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new RequestContext("trace", null, "sk-client", null, null, Map.of(), null, null, RequestHeaders.of(multi));
    }

    private static ResolvedTarget target(String provider, JsonObject overrides) {
        return new ResolvedTarget(PROVIDERS.resolve(provider), "sk-provider", null, overrides, null, null, "config");
    }

    private static Map<String, String> headers(UpstreamRequest r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            out.put(h.name().toLowerCase(java.util.Locale.ROOT), h.value());
        }
        return out;
    }

    private static String body(UpstreamRequest r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        r.body().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void openAiCompatibleProvidersGetTheClientsBytes() throws IOException {
        JsonBody json = JsonBody.parse(CHAT.getBytes(StandardCharsets.UTF_8));
        UnifiedCall call = BuildUpstreamRequest.unified(context(Map.of()), target("openai", null), Capability.CHAT_COMPLETIONS, json);
        assertInstanceOf(UnifiedCall.PassThrough.class, call);
        assertEquals("https://api.openai.com/v1/chat/completions", call.request().uri().toString());
        assertEquals("Bearer sk-provider", headers(call.request()).get("authorization"));
        assertEquals(CHAT, body(call.request()), "byte for byte, spacing and escapes included");
        GatewayResponse relayed = new GatewayResponse(200, List.of(), out -> { });
        assertSame(relayed, call.answer(relayed, null, null, new io.gatehouse.usage.UsageTap()), "the answer is relayed untouched");
    }

    @Test
    void anthropicGetsATranslatedBodyWithTheClientsVersionHeaders() throws IOException {
        JsonBody json = JsonBody.parse(CHAT.getBytes(StandardCharsets.UTF_8));
        RequestContext ctx = context(Map.of("anthropic-version", "2024-10-22", "anthropic-beta", "prompt-caching-2024-07-31",
                "x-portkey-provider", "anthropic", "openai-beta", "assistants=v2"));
        JsonObject overrides = Json.parse("{\"max_tokens\":77}").asJsonObject();
        UnifiedCall call = BuildUpstreamRequest.unified(ctx, target("anthropic", overrides), Capability.CHAT_COMPLETIONS, json);
        assertInstanceOf(Translation.Chat.class, call);
        assertEquals("https://api.anthropic.com/v1/messages", call.request().uri().toString());
        Map<String, String> sent = headers(call.request());
        assertEquals("sk-provider", sent.get("x-api-key"));
        assertEquals("2024-10-22", sent.get("anthropic-version"), "the client's version replaces the default");
        assertEquals("prompt-caching-2024-07-31", sent.get("anthropic-beta"));
        assertEquals("application/json", sent.get("content-type"));
        assertNull(sent.get("authorization"));
        assertNull(sent.get("x-portkey-provider"));
        assertNull(sent.get("openai-beta"), "another provider's headers stay behind");
        assertEquals(1, call.request().headers().stream().filter(h -> h.name().equalsIgnoreCase("anthropic-version")).count());
        JsonObject sentBody = Json.parse(body(call.request())).asJsonObject();
        assertEquals(77, sentBody.getInt("max_tokens"), "override params are merged before translating");
        assertEquals("café", sentBody.getJsonArray("messages").getJsonObject(0).getString("content"));
    }

    @Test
    void anthropicVersionDefaultsWhenTheClientSendsNone() {
        JsonBody json = JsonBody.parse(CHAT.getBytes(StandardCharsets.UTF_8));
        UnifiedCall call = BuildUpstreamRequest.unified(context(Map.of()), target("anthropic", null), Capability.CHAT_COMPLETIONS, json);
        assertEquals("2023-06-01", headers(call.request()).get("anthropic-version"));
    }

    @Test
    void azureIsAddressedFromItsHeadersAndKeepsTheBodyBytes() throws IOException {
        JsonBody json = JsonBody.parse(CHAT.getBytes(StandardCharsets.UTF_8));
        RequestContext ctx = context(Map.of("x-portkey-azure-resource-name", "contoso", "x-portkey-azure-deployment-id", "gpt-4o",
                "x-portkey-azure-api-version", "2024-10-21"));
        UnifiedCall call = BuildUpstreamRequest.unified(ctx, target("azure-openai", null), Capability.EMBEDDINGS, json);
        assertInstanceOf(UnifiedCall.PassThroughTranslatingErrors.class, call, "answers pass through, errors are normalised");
        assertEquals("https://contoso.openai.azure.com/openai/deployments/gpt-4o/embeddings?api-version=2024-10-21",
                call.request().uri().toString());
        assertEquals("sk-provider", headers(call.request()).get("api-key"));
        assertArrayEquals(CHAT.getBytes(StandardCharsets.UTF_8), body(call.request()).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void googleEmbeddingsAreTranslated() throws IOException {
        JsonBody json = JsonBody.parse("{\"model\":\"text-embedding-004\",\"input\":[\"a\"]}".getBytes(StandardCharsets.UTF_8));
        UnifiedCall call = BuildUpstreamRequest.unified(context(Map.of()), target("google", null), Capability.EMBEDDINGS, json);
        assertInstanceOf(Translation.Embeddings.class, call);
        assertEquals("https://generativelanguage.googleapis.com/v1beta/models/text-embedding-004:batchEmbedContents",
                call.request().uri().toString());
        assertEquals("sk-provider", headers(call.request()).get("x-goog-api-key"));
        assertEquals(1, Json.parse(body(call.request())).asJsonObject().getJsonArray("requests").size());
    }
}
