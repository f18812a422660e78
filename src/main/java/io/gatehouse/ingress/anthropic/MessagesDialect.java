package io.gatehouse.ingress.anthropic;

import io.gatehouse.context.RequestContext;
import io.gatehouse.error.GatewayException;
import io.gatehouse.ingress.ClientDialect;
import io.gatehouse.ingress.DialectIngress;
import io.gatehouse.model.ClientChat;
import io.gatehouse.pipeline.StreamEnd;
import io.gatehouse.provider.ApiTrait;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.routing.ResolvedTarget;
import jakarta.json.JsonObject;
import java.util.Optional;
import java.util.Set;

/**
 * The Anthropic Messages API ({@code POST /v1/messages}, {@code POST /v1/messages/count_tokens}) on every
 * provider: {@code anthropic} gets the client's request as sent (its {@code anthropic-version} and
 * {@code anthropic-beta} headers included); every other provider gets it translated and answers in the
 * Messages format, streams included. Token counting only Anthropic has.
 *
 * <p>The provider key: a config's {@code api_key} when it sets one; else, for {@code anthropic}, the
 * client's {@code x-api-key} (as the Anthropic SDK and Claude Code send it), then {@code Authorization:
 * Bearer}; for any other provider {@code Authorization: Bearer}, then {@code x-api-key}. So the Anthropic
 * SDK's one key works against any provider, and a fallback from anthropic to another provider can carry
 * one key for each.
 */
public final class MessagesDialect implements ClientDialect {
    /** The Anthropic SDK's key header. */
    static final String API_KEY_HEADER = "x-api-key";

    private static final StreamEnd STREAM_END = StreamEnd.byEventType(Set.of("message_stop", "error"),
            message -> "event: error\ndata: " + MessagesAnswers.error("api_error", message) + "\n\n");

    /** {@code POST /v1/messages}; the query string (the SDK's {@code ?beta=true}) goes on to Anthropic. */
    public DialectIngress messages(String rawQuery) {
        return DialectIngress.create(this, rawQuery);
    }

    /** {@code POST /v1/messages/count_tokens}: native for anthropic, a 400 elsewhere. */
    public DialectIngress countTokens(String rawQuery) {
        return DialectIngress.nativeOnly(this, "/count_tokens", rawQuery, provider -> GatewayException.badRequest("unsupported_capability",
                "Provider '" + provider + "' has no token counting: /v1/messages/count_tokens is served by anthropic only"));
    }

    @Override
    public ClientChat read(JsonObject body) {
        return new MessagesChat(MessagesRequests.chat(body));
    }

    @Override
    public Optional<Endpoint> nativeEndpoint(ProviderCall call, String path, String rawQuery) {
        if (!call.provider().has(ApiTrait.SERVES_MESSAGES)) {
            return Optional.empty();
        }
        return Optional.of(call.provider().api().dialectEndpoint("/messages", call, path, rawQuery));
    }

    @Override
    public StreamEnd streamEnd() {
        return STREAM_END;
    }

    @Override
    public byte[] gatewayError(GatewayException error) {
        return MessagesAnswers.gatewayError(error);
    }

    @Override
    public String apiKey(RequestContext ctx, ResolvedTarget target) {
        String bearer = ctx.bearerToken();
        boolean fromConfig = target.apiKey() != null && !target.apiKey().equals(bearer);
        if (fromConfig) {
            return target.apiKey();
        }
        String sdkKey = ctx.headers().first(API_KEY_HEADER);
        if (sdkKey != null && sdkKey.isBlank()) {
            sdkKey = null;
        }
        if (target.provider().has(ApiTrait.SERVES_MESSAGES)) {
            return sdkKey != null ? sdkKey.strip() : bearer;
        }
        return bearer != null ? bearer : sdkKey == null ? null : sdkKey.strip();
    }
}
