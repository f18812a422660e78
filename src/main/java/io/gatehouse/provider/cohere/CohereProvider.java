package io.gatehouse.provider.cohere;

import static io.gatehouse.provider.Capability.CHAT_COMPLETIONS;
import static io.gatehouse.provider.Capability.EMBEDDINGS;
import static io.gatehouse.provider.Capability.RERANK;

import io.gatehouse.provider.AuthScheme;
import io.gatehouse.provider.ChatTranslator;
import io.gatehouse.provider.EmbeddingsTranslating;
import io.gatehouse.provider.EmbeddingsTranslator;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.ErrorTranslator;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.provider.TranslatingApi;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Cohere's v2 API: chat ({@code POST https://api.cohere.com/v2/chat}) and embed ({@code /v2/embed}),
 * Bearer key. Other Cohere endpoints (rerank, classify…) go through the proxy, whose base is the spec's
 * {@value #PROXY_BASE} ({@code /v1/rerank} → {@code https://api.cohere.ai/v1/rerank}). A custom host
 * replaces Portkey's base for Cohere, {@code https://api.cohere.ai} (no version): {@code http://h/p} serves
 * {@code http://h/p/v2/chat}, {@code http://h/p/v2/embed}, and proxied paths at {@code http://h/p/rerank}.
 */
public final class CohereProvider implements TranslatingApi, EmbeddingsTranslating {
    public static final String SLUG = "cohere";
    /** Where the v2 chat and embed endpoints live. */
    public static final String API_HOST = "https://api.cohere.com";
    /** Where proxied v1 paths go: the spec's base URL. */
    public static final String PROXY_BASE = "https://api.cohere.ai/v1";

    private final CohereChatMapper chat = new CohereChatMapper();
    private final CohereEmbeddingsMapper embeddings = new CohereEmbeddingsMapper();
    private final CohereErrorMapper errors = new CohereErrorMapper();

    public static ProviderSpec spec() {
        return new ProviderSpec(SLUG, PROXY_BASE, "", AuthScheme.BEARER, EnumSet.of(CHAT_COMPLETIONS, EMBEDDINGS, RERANK),
                Set.of(), List.of(), new CohereProvider(), Set.of());
    }

    /** {@code {host}/v2/{path}}: the custom host as given when there is one, else {@value #API_HOST}. */
    static Endpoint v2(ProviderCall call, String path) {
        String host = call.customHost() != null ? call.customHost().replaceAll("/+$", "") : API_HOST;
        return new Endpoint(URI.create(host + "/v2/" + path), call.providerHeaders());
    }

    @Override
    public ChatTranslator chat() {
        return chat;
    }

    @Override
    public EmbeddingsTranslator embeddings() {
        return embeddings;
    }

    @Override
    public ErrorTranslator errors() {
        return errors;
    }
}
