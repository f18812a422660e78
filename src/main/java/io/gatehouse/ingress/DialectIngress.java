package io.gatehouse.ingress;

import io.gatehouse.context.RequestContext;
import io.gatehouse.error.GatewayException;
import io.gatehouse.pipeline.BuildUpstreamRequest;
import io.gatehouse.pipeline.Ingress;
import io.gatehouse.pipeline.JsonBody;
import io.gatehouse.pipeline.TranslateRequest;
import io.gatehouse.pipeline.UnifiedCall;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.routing.ResolvedTarget;
import java.util.Optional;
import java.util.function.Function;

/**
 * One route of a client dialect on the unified request path (same routing, retries, fallbacks, timeouts
 * and headers as chat completions). Each attempt decides for its own target: a provider that speaks the
 * dialect gets the client's request as sent; any other gets it translated — the dialect reads it into the
 * canonical model, the provider's spoke takes it from there ({@link TranslateRequest#chat}), and the answer
 * comes back in the dialect. So a fallback from one kind of provider to the other answers in the client's
 * dialect either way. Routes only a native provider can serve refuse the others with a 400.
 */
public final class DialectIngress implements Ingress {
    private final ClientDialect dialect;
    private final String path;
    private final String rawQuery;
    private final Function<String, GatewayException> refuseTranslation;

    private DialectIngress(ClientDialect dialect, String path, String rawQuery, Function<String, GatewayException> refuseTranslation) {
        this.dialect = dialect;
        this.path = path;
        this.rawQuery = rawQuery;
        this.refuseTranslation = refuseTranslation;
    }

    /**
     * The dialect's main route ({@code POST /v1/messages}, {@code POST /v1/responses}): served by every chat provider.
     *
     * @param rawQuery the client's query string (the Anthropic SDK's {@code ?beta=true}), passed on to a native
     *                 provider; null when none
     */
    public static DialectIngress create(ClientDialect dialect, String rawQuery) {
        return new DialectIngress(dialect, "", rawQuery, null);
    }

    /**
     * A route only providers that speak the dialect can serve ({@code /v1/messages/count_tokens}).
     *
     * @param refusal the 400 for any other provider, given its slug
     */
    public static DialectIngress nativeOnly(ClientDialect dialect, String path, String rawQuery,
                                            Function<String, GatewayException> refusal) {
        return new DialectIngress(dialect, path, rawQuery, refusal);
    }

    @Override
    public Capability capability() {
        return Capability.CHAT_COMPLETIONS;
    }

    @Override
    public UnifiedCall call(RequestContext ctx, ResolvedTarget target, JsonBody body) {
        ProviderCall call = BuildUpstreamRequest.providerCall(ctx, target, dialect.apiKey(ctx, target));
        Optional<Endpoint> own = dialect.nativeEndpoint(call, path, rawQuery);
        if (own.isPresent()) {
            return BuildUpstreamRequest.passThrough(ctx, target, "POST", own.get(), dialect.nativeBody(body, ctx), dialect.streamEnd());
        }
        if (refuseTranslation != null) {
            throw refuseTranslation.apply(target.provider().slug());
        }
        return TranslateRequest.chat(ctx, target, dialect.read(BuildUpstreamRequest.mergedBody(target, body), ctx), call);
    }

    @Override
    public byte[] errorBody(GatewayException error) {
        return dialect.gatewayError(error);
    }
}
