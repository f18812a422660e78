package io.gatehouse.routing;

import io.gatehouse.access.KeyRing;
import io.gatehouse.config.RetryTuning;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.LogText;
import io.gatehouse.upstream.UpstreamFailures;
import io.gatehouse.upstream.UpstreamResponse;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends a request to one target, retrying as the target's {@link RetryPolicy} says:
 * <ul>
 *   <li>answers with a status in {@code on_status_codes} are retried; connection failures (and streams that
 *       fail before any content) whenever attempts remain; timeouts by their status (408/504);</li>
 *   <li>the wait is the upstream's {@code retry-after} on a 429/503 when it asks for one, else
 *       jittered exponential {@link Backoff};</li>
 *   <li>retrying stops — and the answer in hand is returned, counted {@code -1} — when attempts run
 *       out, a {@code retry-after} asks for more than {@code retry.max-retry-after-ms}, the request's
 *       waits would pass {@code retry.max-wait-per-request-ms}, or the host's {@link RetryBudget} is spent.</li>
 * </ul>
 * Every answer not returned is aborted, so its connection is not leaked. While a failure could still be
 * acted on — a retry remains, or an enclosing fallback has another target — a streamed 2xx is only an
 * answer once its first content arrived ({@link FirstContent}); with nothing left to try, only its first
 * event is awaited (a stream that breaks before it is answered 502, not 200), then it is relayed as it comes.
 * On the unified routes a successful answer that is not a stream is read whole ({@link WholeAnswer}), so one
 * cut off midway is a failed attempt too. Nothing reaches the client before this returns, so retrying is
 * always safe here.
 */
final class AttemptTarget {
    private static final Logger LOG = Logger.getLogger(AttemptTarget.class.getName());

    /** Waits between retries; tests replace it. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }

    private final RetryTuning tuning;
    private final Backoff backoff;
    private final RetryBudget budget;
    private final Sleeper sleeper;
    private final LongSupplier nanoClock;
    private final Supplier<Instant> wallClock;

    AttemptTarget(RetryTuning tuning, Backoff backoff, RetryBudget budget, Sleeper sleeper,
                  LongSupplier nanoClock, Supplier<Instant> wallClock) {
        this.tuning = tuning;
        this.backoff = backoff;
        this.budget = budget;
        this.sleeper = sleeper;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
    }

    /** @param fallbackLeft whether an enclosing fallback has another target to try if this one fails */
    Outcome run(ResolvedTarget target, Router.Attempt<?> attempt, boolean fallbackLeft) {
        RetryPolicy policy = target.retry();
        String host = upstreamHost(target);
        budget.recordRequest(host);
        Duration waited = Duration.ZERO;
        for (int retries = 0; ; retries++) {
            boolean failureActionable = fallbackLeft || retries < policy.attempts();
            Outcome outcome = once(target, attempt, retries, failureActionable);
            if (!retriable(outcome, policy)) {
                return outcome;
            }
            if (retries == policy.attempts()) {
                return gaveUp(outcome);
            }
            Optional<Duration> wait = waitBefore(outcome, policy, retries);
            if (wait.isEmpty() || waited.plus(wait.get()).compareTo(tuning.maxWaitPerRequest()) > 0) {
                return gaveUp(outcome);
            }
            if (!budget.tryRetry(host)) {
                LOG.log(Level.INFO, "retry budget for {0} is spent: answering without retrying", LogText.of(host));
                return gaveUp(outcome);
            }
            discard(outcome);
            try {
                sleeper.sleep(wait.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome.Refused(failure(new GatewayException(ErrorType.UPSTREAM_UNAVAILABLE, 503,
                        "gateway_stopping", "The gateway stopped while waiting to retry", e), target, retries));
            }
            waited = waited.plus(wait.get());
        }
    }

    /** @param holdBack whether to wait for a stream's first content (only worth it when a failure can be acted on) */
    private Outcome once(ResolvedTarget target, Router.Attempt<?> attempt, int retries, boolean holdBack) {
        long started = nanoClock.getAsLong();
        Keyed sent;
        try {
            sent = sendWithKeys(target, attempt);
        } catch (GatewayException e) {
            RoutingFailure failure = failure(e, target, retries);
            return Outcome.isUpstreamFailure(e) ? new Outcome.Unanswered(failure) : new Outcome.Refused(failure);
        }
        UpstreamResponse response = sent.attempt().response();
        if (response.status() / 100 != 2 || !response.isEventStream() && !attempt.readsAnswersWhole()) {
            return new Outcome.Answered(new Router.Routed<>(sent.target(), sent.attempt(), retries, null));
        }
        FirstContent.Result start;
        try {
            start = !response.isEventStream() ? WholeAnswer.read(response.body())
                    : holdBack ? FirstContent.await(response.body(), started, target.requestTimeout(), nanoClock)
                    : FirstContent.awaitFirstEvent(response.body(), started, target.requestTimeout(), nanoClock);
        } catch (RuntimeException bug) {
            response.abort(); // whatever went wrong, the connection is given back
            throw bug;
        }
        if (start instanceof FirstContent.Result.Ready ready) {
            return new Outcome.Answered(new Router.Routed<>(sent.target(), sent.attempt(), retries, ready.stream()));
        }
        response.abort();
        FirstContent.Result.Failed failed = (FirstContent.Result.Failed) start;
        return new Outcome.Unanswered(failure(response.isEventStream() ? streamFailure(target, failed)
                : bodyFailure(target, failed, "upstream_answer_incomplete", "Upstream answer from "), target, retries));
    }

    /** The target as sent (with the key it was lent) and the attempt's record. */
    private record Keyed(ResolvedTarget target, Router.Sent attempt) {
    }

    /**
     * Sends to the target; a catalog target with its keys in turn. A key the provider refuses (401) or
     * throttles (429) is reported to its {@link KeyRing}, which sets it aside for a cool-down, and while
     * another key is usable the call is made again with it at once — within this attempt, not as a retry.
     */
    private static Keyed sendWithKeys(ResolvedTarget target, Router.Attempt<?> attempt) {
        KeyRing keys = target.entry() == null ? null : target.entry().keys();
        if (keys == null || keys.size() == 0) {
            return new Keyed(target, attempt.send(target));
        }
        Set<Integer> tried = new HashSet<>();
        while (true) {
            KeyRing.Lease lease = keys.next();
            ResolvedTarget keyed = target.withApiKey(lease.secret());
            Router.Sent sent = attempt.send(keyed);
            UpstreamResponse response = sent.response();
            keys.report(lease, response.status());
            tried.add(lease.index());
            if (!KeyRing.rejectsKey(response.status()) || !keys.hasUsableKeyBesides(tried)) {
                return new Keyed(keyed, sent);
            }
            LOG.log(Level.INFO, "catalog entry @{0}: {1} answered {2}; trying the entry''s next key",
                    new Object[] {target.entry().slug(), lease, response.status()});
            response.abort();
        }
    }

    private static boolean retriable(Outcome outcome, RetryPolicy policy) {
        if (outcome instanceof Outcome.Answered answered) {
            return !answered.succeeded() && policy.retries(answered.status());
        }
        if (outcome instanceof Outcome.Unanswered unanswered) {
            return policy.attempts() > 0
                    && (unanswered.connectionFailed() || policy.retries(unanswered.failure().status()));
        }
        return false;
    }

    /** The wait before the next attempt, or empty when the upstream asks for longer than is honoured. */
    private Optional<Duration> waitBefore(Outcome outcome, RetryPolicy policy, int retries) {
        if (outcome instanceof Outcome.Answered answered && policy.useRetryAfterHeader()
                && (answered.status() == 429 || answered.status() == 503)) {
            Optional<Duration> asked = RetryAfter.requested(answered.routed().response()::header, wallClock.get());
            if (asked.isPresent()) {
                return asked.get().compareTo(tuning.maxRetryAfter()) > 0 ? Optional.empty() : asked;
            }
        }
        return Optional.of(backoff.delay(retries));
    }

    /** The same outcome, counted as "retrying gave up" ({@code -1}, as Portkey reports it). */
    private static Outcome gaveUp(Outcome outcome) {
        if (outcome instanceof Outcome.Answered answered) {
            return new Outcome.Answered(answered.routed().withRetries(-1));
        }
        RoutingFailure f = ((Outcome.Unanswered) outcome).failure();
        return new Outcome.Unanswered(new RoutingFailure(f.error(), f.optionPath(), f.provider(), -1));
    }

    static void discard(Outcome outcome) {
        if (outcome instanceof Outcome.Answered answered) {
            answered.routed().response().abort();
        }
    }

    private static RoutingFailure failure(GatewayException e, ResolvedTarget target, int retries) {
        return new RoutingFailure(e, target.optionPath(), target.provider().slug(), retries);
    }

    private static GatewayException streamFailure(ResolvedTarget target, FirstContent.Result.Failed failed) {
        return bodyFailure(target, failed, "upstream_stream_failed", "Upstream stream from ");
    }

    /** A body that failed: a timeout by its status (408/504), anything else a 502 with {@code code}. */
    private static GatewayException bodyFailure(ResolvedTarget target, FirstContent.Result.Failed failed, String code,
                                                String what) {
        if (failed.timedOut()) {
            return UpstreamFailures.classify(new SocketTimeoutException(failed.reason()), apiBase(target), target.requestTimeout());
        }
        return new GatewayException(ErrorType.UPSTREAM_UNREACHABLE, 502, code,
                what + apiBase(target).getHost() + " failed: " + failed.reason(), null);
    }

    /** Retry budgets are kept per upstream host and port. */
    private static String upstreamHost(ResolvedTarget target) {
        URI base = apiBase(target);
        return base.getHost() + ":" + base.getPort();
    }

    /**
     * Where the target's calls go, as far as is known before a call is built: the custom host or the
     * provider's base URL; a provider whose host is derived per call (Azure's resource) is named instead.
     */
    private static URI apiBase(ResolvedTarget target) {
        String base = target.customHost() != null ? target.customHost() : target.provider().baseUrl();
        return URI.create(base != null ? base : "https://" + target.provider().slug());
    }
}
