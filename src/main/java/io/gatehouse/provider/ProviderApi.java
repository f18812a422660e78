package io.gatehouse.provider;

import io.gatehouse.http.UrlText;
import java.net.URI;

/**
 * How the gateway speaks to a provider on the unified routes: either it passes the client's OpenAI body
 * through ({@link PassThroughApi}: OpenAI and the compatible family, Azure OpenAI) or it translates to the
 * provider's own API and back ({@link TranslatingApi}: Anthropic, Gemini, Cohere).
 */
public sealed interface ProviderApi permits PassThroughApi, TranslatingApi {

    /** Refuses, before any attempt, a target this provider cannot reach: no public endpoint and no custom host. */
    default void requireReachable(ProviderSpec spec, String customHostOrNull) {
        spec.apiBase(customHostOrNull);
    }

    /**
     * Where a client dialect's call goes when this provider serves that dialect itself ({@link ApiTrait}):
     * the API base, the dialect's path (e.g. {@code /messages}), the call's {@code path} after it, the
     * client's query.
     */
    default Endpoint dialectEndpoint(String dialectPath, ProviderCall call, String path, String rawQuery) {
        return new Endpoint(URI.create(call.apiBase() + dialectPath + path + (rawQuery == null ? "" : "?" + UrlText.escapeIllegal(rawQuery))),
                call.providerHeaders());
    }
}
