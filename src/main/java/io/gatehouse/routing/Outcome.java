package io.gatehouse.routing;

import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;

/** What trying a route gave: the typed results the strategies decide on (never a marker header). */
sealed interface Outcome {

    /** The upstream answered, with any status. */
    record Answered(Router.Routed<?> routed) implements Outcome {
        boolean succeeded() {
            return routed.response().status() / 100 == 2;
        }

        int status() {
            return routed.response().status();
        }
    }

    /**
     * No usable answer: the connection failed, the attempt timed out, or a stream failed before any
     * content. Fallback moves on to the next target.
     */
    record Unanswered(RoutingFailure failure) implements Outcome {
        /** Connection-level failures (502s) are retried whenever attempts remain; timeouts by their status. */
        boolean connectionFailed() {
            return failure.type() == ErrorType.UPSTREAM_UNREACHABLE;
        }
    }

    /**
     * The gateway refused this target for this request (missing or unknown provider, unsupported
     * capability, custom host not allowed, no conditional match): the answer stands, nothing falls back.
     */
    record Refused(RoutingFailure failure) implements Outcome {
    }

    /** Whether an attempt's error means the upstream gave no answer (as opposed to a refusal). */
    static boolean isUpstreamFailure(GatewayException e) {
        return switch (e.type()) {
            case TIMEOUT, UPSTREAM_UNREACHABLE, UPSTREAM_UNAVAILABLE, UPSTREAM_TIMEOUT -> true;
            default -> false;
        };
    }
}
