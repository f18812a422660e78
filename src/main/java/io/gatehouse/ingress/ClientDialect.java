package io.gatehouse.ingress;

import io.gatehouse.context.RequestContext;
import io.gatehouse.error.GatewayException;
import io.gatehouse.model.ClientChat;
import io.gatehouse.pipeline.JsonBody;
import io.gatehouse.pipeline.StreamEnd;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.routing.ResolvedTarget;
import jakarta.json.JsonObject;
import java.util.Optional;

/**
 * A client dialect the gateway serves besides OpenAI Chat Completions (Anthropic Messages, OpenAI
 * Responses): one ingress adapter each, over the one canonical chat model. A dialect reads its requests
 * into the canonical model and writes answers, streams and errors back in its own shape
 * ({@link ClientChat}); it knows which providers speak it natively, whose calls then pass through.
 * Stateless and shared; one instance per dialect.
 */
public interface ClientDialect {

    /**
     * Reads a client's body, override params merged in, into a canonical request answered in this dialect;
     * a field of the wrong type or one no provider could be given is a 400.
     */
    ClientChat read(JsonObject body);

    /** The same, for one caller (a dialect that keeps state per gateway key tells callers apart). */
    default ClientChat read(JsonObject body, RequestContext ctx) {
        return read(body);
    }

    /**
     * The provider's own endpoint for this dialect, when the provider speaks it (then the client's request
     * passes through); empty for every other provider.
     *
     * @param path     the API path after the dialect's route ({@code ""}, {@code /count_tokens}, {@code /resp_…})
     * @param rawQuery the client's query string, or null
     */
    Optional<Endpoint> nativeEndpoint(ProviderCall call, String path, String rawQuery);

    /**
     * The body a provider that speaks this dialect gets: the client's, unless the dialect must complete it
     * (a Responses conversation the gateway stored, which the provider never saw).
     */
    default JsonBody nativeBody(JsonBody body, RequestContext ctx) {
        return body;
    }

    /** How this dialect's event streams end, for streams relayed unchanged. */
    StreamEnd streamEnd();

    /** A gateway error in this dialect's error shape. */
    byte[] gatewayError(GatewayException error);

    /**
     * The provider key for one attempt; by default the target's (its config {@code api_key}, else the
     * client's {@code Authorization: Bearer}).
     */
    default String apiKey(RequestContext ctx, ResolvedTarget target) {
        return target.apiKey();
    }
}
