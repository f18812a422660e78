package io.gatehouse.provider;

import java.net.URI;

/**
 * A provider that speaks OpenAI's API: the client's body goes upstream byte for byte and the answer comes
 * back unchanged. Only where it goes and how it authenticates differ.
 */
public non-sealed interface PassThroughApi extends ProviderApi {

    /** OpenAI and the compatible family: the API base (or custom host) plus OpenAI's path, the spec's auth. */
    PassThroughApi OPENAI_COMPATIBLE = (capability, call) -> new Endpoint(
            URI.create(call.provider().endpointUrl(call.customHost(), capability)),
            call.provider().authHeaders(call.apiKey()));

    /** The URL of a unified call and the provider's own headers (auth, API version). */
    Endpoint endpoint(Capability capability, ProviderCall call);
}
