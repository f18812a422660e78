package io.gatehouse.provider;

import io.gatehouse.model.ChatRequest;
import io.gatehouse.model.ChatResponse;
import jakarta.json.JsonObject;

/** Chat in a provider's own API: the canonical request out, the native answer in. Stateless and shared. */
public interface ChatTranslator {
    /** The native request (URL, provider headers, body) for a canonical chat request. */
    NativeRequest request(ChatRequest request, ProviderCall call);

    /** A successful native JSON answer in canonical form. */
    ChatResponse response(JsonObject body, ChatRequest request);

    /** A new, stateful mapper for one native stream. */
    StreamTranslator stream(ChatRequest request);
}
