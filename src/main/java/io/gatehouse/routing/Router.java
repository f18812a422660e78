package io.gatehouse.routing;

import io.gatehouse.context.RequestContext;
import io.gatehouse.upstream.UpstreamResponse;

/**
 * The routing core every route goes through, unified and proxied alike: it decides which target(s) a
 * request goes to and runs attempts against them until one answers.
 *
 * <p>This version routes to the single target the headers and config name. Strategies (fallback,
 * loadbalance, conditional), retries and timeouts replace the body of {@link #route} without changing
 * its contract.
 */
public final class Router {
    private final ResolveTarget resolveTarget;

    public Router(ResolveTarget resolveTarget) {
        this.resolveTarget = resolveTarget;
    }

    /** Sends one request to one target; throws {@link io.gatehouse.error.GatewayException} when no answer came. */
    @FunctionalInterface
    public interface Attempt {
        UpstreamResponse send(ResolvedTarget target);
    }

    /**
     * The answer the client gets, and where it came from.
     *
     * @param target   the target that answered
     * @param response its answer, body unread
     * @param retries  retries made before this answer ({@code x-portkey-retry-attempt-count})
     */
    public record Routed(ResolvedTarget target, UpstreamResponse response, int retries) {
    }

    /** Routes a request: picks its target(s) and runs {@code attempt} until one answers. */
    public Routed route(RequestContext ctx, RouteRequest request, Attempt attempt) {
        ResolvedTarget target = resolveTarget.resolve(ctx, request.capability());
        return new Routed(target, attempt.send(target), 0);
    }
}
