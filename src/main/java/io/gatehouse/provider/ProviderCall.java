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
 * @param operatorCredentials whether the call goes to a model-catalog entry: the key, provider fields and host are
 *                            the operator's, which no request can change, so only such a call may use the gateway's
 *                            own credentials (AWS's chain) or name where credentials are exchanged (a token_uri)
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
