package io.gatehouse.routing;

import io.gatehouse.config.ConfigParser;
import io.gatehouse.config.RetryTuning;
import io.gatehouse.config.SavedConfigs;
import io.gatehouse.context.RequestContext;
import io.gatehouse.egress.HostPolicy;
import io.gatehouse.error.GatewayException;
import io.gatehouse.limits.Admission;
import io.gatehouse.limits.LimitExceeded;
import io.gatehouse.upstream.UpstreamResponse;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * The routing core every route goes through, unified and proxied alike: finds the request's route plan
 * (its {@code x-portkey-config}, compiled once), walks the strategy tree — fallback, loadbalance,
 * conditional — and attempts leaf targets with retries and timeouts until the tree gives an answer.
 *
 * <p>Nothing is sent to the client until this returns, so every retry and fallback happens before the
 * first byte; streams included, since a streamed answer only counts once its first content arrived.
 */
public final class Router {
    private final RoutePlans plans;
    private final ResolveTarget resolveTarget;
    private final AttemptTarget attemptTarget;
    private final RandomGenerator random;
    private final Admission admission;

    Router(RoutePlans plans, ResolveTarget resolveTarget, AttemptTarget attemptTarget, RandomGenerator random,
           Admission admission) {
        this.plans = plans;
        this.resolveTarget = resolveTarget;
        this.attemptTarget = attemptTarget;
        this.random = random;
        this.admission = admission;
    }

    /**
     * The production router: real clocks and sleeps, the retry budget, thread-safe randomness.
     *
     * @param admission the limits of gateway keys and catalog entries
     */
    public static Router create(ConfigParser parser, SavedConfigs saved, ResolveProvider providers,
                                HostPolicy hostPolicy, RetryTuning tuning, Admission admission) {
        RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();
        AttemptTarget attempts = new AttemptTarget(tuning,
                new Backoff(tuning.backoffBase(), tuning.backoffCap(), random),
                new RetryBudget(tuning.budgetPercent(), tuning.budgetMinPerSecond(), System::nanoTime),
                AttemptTarget.Sleeper.REAL, System::nanoTime, Instant::now);
        return new Router(new RoutePlans(parser, saved), new ResolveTarget(providers, hostPolicy), attempts, random, admission);
    }

    /** Sends one request to one target; throws {@link GatewayException} when no answer came. */
    @FunctionalInterface
    public interface Attempt<S extends Sent> {
        S send(ResolvedTarget target);

        /**
         * Whether a successful answer that is not an event stream is read whole (up to
         * {@link io.gatehouse.config.MemoryLimits#heldAnswerBytes()}) before it counts as an answer, so one cut off midway is a failed
         * attempt — retried, fallen back, else a 502 — rather than a 200 whose body breaks off.
         */
        default boolean readsAnswersWhole() {
            return false;
        }

        /** {@code attempt}, reading successful answers whole ({@link #readsAnswersWhole()}): the unified routes. */
        static <S extends Sent> Attempt<S> readingAnswersWhole(Attempt<S> attempt) {
            return new Attempt<>() {
                @Override
                public S send(ResolvedTarget target) {
                    return attempt.send(target);
                }

                @Override
                public boolean readsAnswersWhole() {
                    return true;
                }
            };
        }
    }

    /**
     * What one attempt sent, and the answer it got. Routing decides on the answer alone; the caller's own
     * record carries whatever else it needs back from the attempt that answered ({@link Routed#sent()}).
     */
    @FunctionalInterface
    public interface Sent {
        UpstreamResponse response();
    }

    /**
     * The answer the client gets, and where it came from.
     *
     * @param target       the target that answered
     * @param sent         the attempt that answered: what it sent, and its answer
     * @param retries      retries made before this answer ({@code x-portkey-retry-attempt-count}; -1 when
     *                     retrying gave up on a retriable answer)
     * @param peekedStream for an event stream whose start routing already read (or an answer it read whole):
     *                     that start replayed, then the rest; null otherwise. Relays read {@link #body()}, never
     *                     the response directly.
     */
    public record Routed<S extends Sent>(ResolvedTarget target, S sent, int retries, InputStream peekedStream) {
        /** The answer. */
        public UpstreamResponse response() {
            return sent.response();
        }

        /** The body to relay, from its first byte. */
        public InputStream body() {
            return peekedStream != null ? peekedStream : response().body();
        }

        Routed<S> withRetries(int count) {
            return new Routed<>(target, sent, count, peekedStream);
        }
    }

    /**
     * The request's route plan: its {@code x-portkey-config}, compiled once.
     *
     * @throws GatewayException for an invalid config (400, no routing headers)
     */
    public Route plan(RequestContext ctx) {
        return plans.planFor(ctx.config());
    }

    /**
     * Whether routing {@code plan} could send a request more than once: a retry, a fallback, or a catalog
     * entry's next key after a 401/429. When not, a proxied body need not be kept for a resend.
     */
    public boolean mayResend(Route plan, RequestContext ctx) {
        if (plan instanceof Route.Leaf leaf) {
            return leaf.settings().retry().attempts() > 0
                    || resolveTarget.rotatesKeys(leaf.settings().provider() != null ? leaf.settings().provider() : ctx.provider());
        }
        if (plan instanceof Route.Fallback fallback) {
            return fallback.targets().size() > 1 || fallback.targets().stream().anyMatch(t -> mayResend(t, ctx));
        }
        if (plan instanceof Route.LoadBalance balance) {
            return balance.targets().stream().anyMatch(t -> mayResend(t, ctx));
        }
        Route.Conditional conditional = (Route.Conditional) plan;
        return conditional.branches().stream().anyMatch(b -> mayResend(b.target(), ctx))
                || conditional.otherwise() != null && mayResend(conditional.otherwise(), ctx);
    }

    /**
     * Routes a request along its plan: picks its target(s) and runs {@code attempt} until the strategy
     * tree answers. A catalog entry over its limits counts as no answer, so a fallback moves on.
     *
     * @throws GatewayException a {@link RoutingFailure} when routing ended without an upstream answer
     *                          (carrying the routing headers)
     */
    public <S extends Sent> Routed<S> route(RequestContext ctx, Route plan, RouteRequest request, Attempt<S> attempt) {
        Outcome outcome = new Walk(ctx, request, attempt).run(plan, false);
        if (outcome instanceof Outcome.Answered answered) {
            @SuppressWarnings("unchecked") // every answer of this walk came from this attempt
            Routed<S> routed = (Routed<S>) answered.routed();
            return routed;
        }
        throw outcome instanceof Outcome.Unanswered u ? u.failure() : ((Outcome.Refused) outcome).failure();
    }

    /** One request's walk through the tree: the interpreter. */
    private final class Walk {
        private final RequestContext ctx;
        private final RouteRequest request;
        private final Attempt<?> attempt;
        private final RequestFields fields;

        Walk(RequestContext ctx, RouteRequest request, Attempt<?> attempt) {
            this.ctx = ctx;
            this.request = request;
            this.attempt = attempt;
            this.fields = new RequestFields(ctx.metadata(), request.pathname(), request.params());
        }

        /** @param fallbackLeft whether an enclosing fallback still has targets to try if this one fails */
        Outcome run(Route route, boolean fallbackLeft) {
            if (route instanceof Route.Leaf leaf) {
                return leaf(leaf, fallbackLeft);
            }
            if (route instanceof Route.Fallback fallback) {
                return fallback(fallback, fallbackLeft);
            }
            if (route instanceof Route.LoadBalance balance) {
                return run(balance.targets().get(WeightedChoice.pick(balance.weights(), random)), fallbackLeft);
            }
            return conditional((Route.Conditional) route, fallbackLeft);
        }

        private Outcome leaf(Route.Leaf leaf, boolean fallbackLeft) {
            ResolvedTarget target;
            try {
                target = resolveTarget.resolve(leaf, ctx, request);
            } catch (GatewayException refused) {
                return new Outcome.Refused(new RoutingFailure(refused, leaf.path(), leaf.settings().provider(), 0));
            }
            try {
                admission.admit(target.entry());
            } catch (LimitExceeded over) {
                // An entry over its limit has no answer for now: a fallback moves on, as after an outage.
                return new Outcome.Unanswered(new RoutingFailure(over, leaf.path(), target.provider().slug(), 0));
            }
            return attemptTarget.run(target, attempt, fallbackLeft);
        }

        /** The first acceptable answer, else the last one; a refusal ends the walk at once. */
        private Outcome fallback(Route.Fallback fallback, boolean fallbackLeft) {
            Outcome last = null;
            List<Route> targets = fallback.targets();
            for (int i = 0; i < targets.size(); i++) {
                Outcome outcome = run(targets.get(i), fallbackLeft || i < targets.size() - 1);
                if (last != null) {
                    AttemptTarget.discard(last);
                }
                if (!movesOn(outcome, fallback)) {
                    return outcome;
                }
                last = outcome;
            }
            return last;
        }

        private boolean movesOn(Outcome outcome, Route.Fallback fallback) {
            if (outcome instanceof Outcome.Answered answered) {
                return fallback.onStatusCodes().isEmpty()
                        ? !answered.succeeded()
                        : fallback.onStatusCodes().contains(answered.status());
            }
            return outcome instanceof Outcome.Unanswered;
        }

        private Outcome conditional(Route.Conditional conditional, boolean fallbackLeft) {
            List<Route.Branch> branches = conditional.branches();
            for (Route.Branch branch : branches) {
                if (branch.query().matches(fields)) {
                    return run(branch.target(), fallbackLeft);
                }
            }
            if (conditional.otherwise() != null) {
                return run(conditional.otherwise(), fallbackLeft);
            }
            return new Outcome.Refused(new RoutingFailure(GatewayException.badRequest("no_matching_target",
                    "Query router did not resolve to any valid target"), conditional.path(), null, 0));
        }
    }
}
