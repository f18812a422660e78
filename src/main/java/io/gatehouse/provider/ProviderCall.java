package io.gatehouse.provider;

import io.gatehouse.context.Header;
import io.gatehouse.context.RequestHeaders;
import jakarta.json.JsonObject;
import java.util.List;

/**
 * The per-request facts a provider needs to address one call.
 *
 * @param provider   the provider
 * @param apiKey     the provider key, or null (never logged)
 * @param customHost replaces the provider's base URL, or null
 * @param clientHeaders the client's headers, where provider-specific options may be
 * @param targetConfig  the target's config object, or null
 */
public record ProviderCall(ProviderSpec provider, String apiKey, String customHost, RequestHeaders clientHeaders,
                           JsonObject targetConfig) {

    /** Provider-specific options (Azure's), read only by providers that need them. */
    public ProviderOptions options() {
        return ProviderOptions.read(clientHeaders, targetConfig);
    }

    /** The provider's API base for this call: the custom host or the default, plus the endpoint prefix. */
    public String apiBase() {
        return provider.apiBase(customHost);
    }

    /** The provider's credentials and fixed headers. */
    public List<Header> providerHeaders() {
        return provider.authHeaders(apiKey);
    }
}
