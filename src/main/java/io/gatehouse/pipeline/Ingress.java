package io.gatehouse.pipeline;

import io.gatehouse.context.RequestContext;
import io.gatehouse.error.ErrorBody;
import io.gatehouse.error.GatewayException;
import io.gatehouse.provider.Capability;
import io.gatehouse.routing.ResolvedTarget;
import java.util.Optional;

/**
 * What one family of unified routes asks of the request path: the capability its targets must have, each
 * attempt's call, and its own shape for the gateway's errors. The OpenAI routes are {@link #openAi}; the
 * Anthropic Messages and OpenAI Responses routes bring their own ({@code io.gatehouse.ingress}).
 */
public interface Ingress {

    /** What a target's provider must support to be tried. */
    Capability capability();

    /** Whether the route takes a JSON body (GET and DELETE routes do not). */
    default boolean readsBody() {
        return true;
    }

    /**
     * An answer the gateway gives itself, without any provider, once the request's headers are read (a
     * stored Responses object); empty for the usual routed call.
     */
    default Optional<GatewayResponse> answerLocally(RequestContext ctx) {
        return Optional.empty();
    }

    /**
     * One attempt at one target.
     *
     * @param body the client's body, or null for a route that reads none
     */
    UnifiedCall call(RequestContext ctx, ResolvedTarget target, JsonBody body);

    /** A gateway error in the route's error shape. */
    default byte[] errorBody(GatewayException error) {
        return ErrorBody.of(error);
    }

    /** The OpenAI-format unified routes: chat completions, completions, embeddings. */
    static Ingress openAi(Capability capability) {
        return new Ingress() {
            @Override
            public Capability capability() {
                return capability;
            }

            @Override
            public UnifiedCall call(RequestContext ctx, ResolvedTarget target, JsonBody body) {
                return BuildUpstreamRequest.unified(ctx, target, capability, body);
            }
        };
    }
}
