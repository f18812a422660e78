package io.gatehouse.provider;

import io.gatehouse.error.GatewayException;
import io.gatehouse.http.Header;
import java.util.List;
import java.util.Set;

/**
 * What the gateway knows about one provider: where it lives, how it authenticates, what it can do.
 *
 * @param slug               the name clients use in {@code x-portkey-provider}
 * @param baseUrl            the default API base, without trailing slash; null when a custom host is required
 * @param endpointPrefix     path inserted between the base (or custom host) and the endpoint path, as Portkey
 *                           does for providers whose base URL has no version segment (e.g. {@code /v1})
 * @param auth               how the API key is sent
 * @param capabilities       the unified routes it serves
 * @param passThroughHeaders client headers of this provider's own API that unified routes forward as-is
 * @param fixedHeaders       headers always sent (e.g. a default API version); a client's pass-through
 *                           header of the same name replaces it
 * @param api                how unified calls reach it: passed through (OpenAI format) or translated
 * @param traits             what its API accepts or serves beyond that (usage on streams, client dialects)
 */
public record ProviderSpec(
        String slug,
        String baseUrl,
        String endpointPrefix,
        AuthScheme auth,
        Set<Capability> capabilities,
        Set<String> passThroughHeaders,
        List<Header> fixedHeaders,
        ProviderApi api,
        Set<ApiTrait> traits) {

    public ProviderSpec {
        capabilities = Set.copyOf(capabilities);
        passThroughHeaders = Set.copyOf(passThroughHeaders);
        fixedHeaders = List.copyOf(fixedHeaders);
        traits = Set.copyOf(traits);
        java.util.Objects.requireNonNull(api, "api");
        if (api instanceof TranslatingApi) {
            // A translating provider must be able to translate every capability it claims.
            if (capabilities.contains(Capability.COMPLETIONS)) {
                throw new IllegalArgumentException(slug + ": legacy completions are never translated");
            }
            if (capabilities.contains(Capability.EMBEDDINGS) && !(api instanceof EmbeddingsTranslating)) {
                throw new IllegalArgumentException(slug + ": claims embeddings but cannot translate them");
            }
        }
    }

    /** An OpenAI-format provider: the client's body passes through to {@link #endpointUrl}. */
    public ProviderSpec(String slug, String baseUrl, String endpointPrefix, AuthScheme auth, Set<Capability> capabilities,
                        Set<String> passThroughHeaders, List<Header> fixedHeaders) {
        this(slug, baseUrl, endpointPrefix, auth, capabilities, passThroughHeaders, fixedHeaders, PassThroughApi.OPENAI_COMPATIBLE,
                Set.of());
    }

    public boolean supports(Capability capability) {
        return capabilities.contains(capability);
    }

    public boolean has(ApiTrait trait) {
        return traits.contains(trait);
    }

    /**
     * Refuses, before any attempt, a target that cannot be reached (no public endpoint, no custom host).
     * Azure OpenAI's host comes from its resource name instead, checked when the call is built.
     */
    public void requireReachable(String customHostOrNull) {
        api.requireReachable(this, customHostOrNull);
    }

    /**
     * The API base for a request: the custom host when one is given, else the provider's default,
     * followed by the provider's endpoint prefix. Never ends with a slash. This is also the base that
     * proxied paths are appended to ({@code /v1/rerank} on cohere → {@code https://api.cohere.ai/v1/rerank}).
     */
    public String apiBase(String customHostOrNull) {
        String base = customHostOrNull != null ? customHostOrNull : baseUrl;
        if (base == null) {
            throw GatewayException.badRequest("custom_host_required",
                    "Provider '" + slug + "' has no public endpoint: send x-portkey-custom-host or a config custom_host");
        }
        return stripTrailingSlash(base) + endpointPrefix;
    }

    /**
     * Where proxied paths go: a custom host exactly as given (it replaces Portkey's base, and Portkey appends
     * the client's path to it), else the provider's default {@link #apiBase}.
     */
    public String proxyBase(String customHostOrNull) {
        return customHostOrNull != null ? stripTrailingSlash(customHostOrNull) : apiBase(null);
    }

    /** The full URL of a unified endpoint. */
    public String endpointUrl(String customHostOrNull, Capability capability) {
        return apiBase(customHostOrNull) + capability.openAiPath();
    }

    public List<Header> authHeaders(String apiKeyOrNull) {
        if (fixedHeaders.isEmpty()) {
            return auth.headersFor(apiKeyOrNull);
        }
        List<Header> headers = new java.util.ArrayList<>(auth.headersFor(apiKeyOrNull));
        headers.addAll(fixedHeaders);
        return headers;
    }

    static String stripTrailingSlash(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }
}
