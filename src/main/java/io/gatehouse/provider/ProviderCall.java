package io.gatehouse.provider;

import io.gatehouse.http.Header;
import io.gatehouse.http.RequestHeaders;
import java.util.List;

/**
 * The per-request facts a provider needs to address one call.
 *
 * @param provider   the provider
 * @param apiKey     the provider key, or null (never logged)
 * @param customHost replaces the provider's base URL, or null
 * @param clientHeaders the client's headers ({@code x-portkey-azure-*} and the like)
 * @param targetFields  the target's provider-specific config fields
 * @param operatorCredentials whether the key and provider fields are the operator's (a model-catalog entry),
 *                            not the client's: only those may name where credentials are exchanged
 */
public record ProviderCall(ProviderSpec provider, String apiKey, String customHost, RequestHeaders clientHeaders,
                           TargetFields targetFields, boolean operatorCredentials) {

    /** A call with the client's own credentials. */
    public ProviderCall(ProviderSpec provider, String apiKey, String customHost, RequestHeaders clientHeaders,
                        TargetFields targetFields) {
        this(provider, apiKey, customHost, clientHeaders, targetFields, false);
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
