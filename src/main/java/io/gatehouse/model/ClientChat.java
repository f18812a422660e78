package io.gatehouse.model;

import io.gatehouse.error.GatewayException;
import jakarta.json.JsonObject;
import java.io.OutputStream;

/**
 * A chat request as one client dialect sent it — OpenAI Chat Completions, Anthropic Messages, OpenAI
 * Responses — read into the canonical request every provider mapper takes, together with how canonical
 * answers go back to that client in its own format. One instance per attempt; whatever else the dialect
 * needs to answer (a Responses conversation to store, …) lives in the implementation.
 */
public interface ClientChat {
    /** The request every provider mapper reads. */
    ChatRequest chat();

    /** A complete canonical answer as the client's JSON. */
    JsonObject answer(ChatResponse response, String provider, long created);

    /** A new writer for one streamed answer, in the client's events. */
    ClientStream stream(OutputStream out, String provider, long created);

    /** A provider's error answer in the client's error shape; the HTTP status is kept as the provider sent it. */
    JsonObject providerError(ProviderError error, String provider, int status);

    /** An error the gateway made about the answer (one it could not read) in the client's error shape. */
    byte[] gatewayError(GatewayException error);
}
