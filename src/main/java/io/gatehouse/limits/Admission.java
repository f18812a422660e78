package io.gatehouse.limits;

import io.gatehouse.access.Budget;
import io.gatehouse.access.BudgetPeriod;
import io.gatehouse.access.Caller;
import io.gatehouse.access.CatalogEntry;
import io.gatehouse.access.GatewayKey;
import io.gatehouse.access.Limits;
import io.gatehouse.access.Window;
import io.gatehouse.context.RequestContext;
import io.gatehouse.error.ErrorType;
import io.gatehouse.http.Header;
import io.gatehouse.model.Usage;
import io.gatehouse.pipeline.RecordUsage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The limits of gateway keys and catalog entries, enforced: before a request is sent, its key's (and then
 * its target entry's) budgets, token window and request window are checked — a request is counted only
 * when it is let through — and once its answer is complete, its tokens and cost are charged.
 *
 * <p>Windows are fixed: rate limits count per window aligned to the epoch (a 60-second window starts on
 * the minute), budgets per UTC calendar hour, day or month. Tokens and cost are only known after an
 * answer, so a window's last request may take it past its token limit or a budget past its cap; the next
 * request is then refused. Cost is counted in nano-dollars, rounded up.
 */
public final class Admission {
    /** No limits anywhere: admits everything, charges nothing. */
    public static final Admission UNLIMITED = new Admission(null, Instant::now);

    private final Counters counters;
    private final Supplier<Instant> clock;

    public Admission(Counters counters, Supplier<Instant> clock) {
        this.counters = counters;
        this.clock = clock;
    }

    /** Admits a request for the caller's gateway key, or throws {@link LimitExceeded}. */
    public void admit(Caller caller) {
        admit(caller, () -> 0);
    }

    /**
     * Tokens held for a request in flight: taken from its key's token window when it is admitted, so
     * concurrent requests cannot all pass a nearly spent window, and settled to the real usage when it is
     * charged ({@link #charge(RequestContext, CatalogEntry, Usage, BigDecimal, Reservation)}) or given back
     * when it fails ({@link #release}).
     */
    public record Reservation(String scope, long windowStart, long tokens) {
        public static final Reservation NONE = new Reservation(null, 0, 0);
    }

    /**
     * Admits a request for the caller's gateway key, reserving {@code estimatedTokens} of its token window
     * (at most the whole window), or throws {@link LimitExceeded}.
     */
    public Reservation admit(Caller caller, java.util.function.LongSupplier estimatedTokens) {
        if (caller.key() == null) {
            return Reservation.NONE;
        }
        Limits limits = caller.key().limits();
        long estimate = limits.tokens() != null ? estimatedTokens.getAsLong() : 0; // read the body only when it matters
        return admit(keyScope(caller.key().name()), "gateway key '" + caller.key().name() + "'", limits, estimate);
    }

    /** Gives back what a request that was never charged had reserved. */
    public void release(Reservation reservation) {
        if (counters != null && reservation.tokens() > 0) {
            counters.add(reservation.scope() + "|tokens", reservation.windowStart(), -reservation.tokens());
        }
    }

    /** Admits a request to a catalog entry, or throws {@link LimitExceeded}. */
    public void admit(CatalogEntry entry) {
        if (entry != null) {
            admit(entryScope(entry.slug()), "catalog entry '@" + entry.slug() + "'", entry.limits());
        }
    }

    /**
     * Charges a completed request's usage and cost to its caller's key and to the catalog entry that answered.
     *
     * @param entry the entry that answered, or null for a target outside the catalog
     * @param cost  the request's cost in US dollars, or null when it could not be priced
     */
    public void charge(RequestContext ctx, CatalogEntry entry, Usage usage, BigDecimal cost) {
        charge(ctx, entry, usage, cost, Reservation.NONE);
    }

    /** The same, settling what was reserved for the request: the reservation is replaced by the real usage. */
    public void charge(RequestContext ctx, CatalogEntry entry, Usage usage, BigDecimal cost, Reservation reservation) {
        if (ctx.caller().key() != null) {
            charge(keyScope(ctx.caller().key().name()), ctx.caller().key().limits(), usage, cost, reservation);
        }
        if (entry != null) {
            charge(entryScope(entry.slug()), entry.limits(), usage, cost);
        }
    }

    /**
     * What is left of a gateway key's budgets in their current periods.
     *
     * @param usd   the budget
     * @param spent spent in the current period
     * @param left  what remains (never below zero)
     */
    public record BudgetLeft(BudgetPeriod period, BigDecimal usd, BigDecimal spent, BigDecimal left) {
    }

    public List<BudgetLeft> budgetsLeft(GatewayKey key) {
        List<BudgetLeft> left = new ArrayList<>();
        Instant now = clock.get();
        for (Budget budget : key.limits().budgets()) {
            long spent = counters == null ? 0
                    : counters.get(spendCounter(keyScope(key.name()), budget), budget.period().at(now).start().toEpochMilli());
            BigDecimal spentUsd = BigDecimal.valueOf(spent).movePointLeft(9).stripTrailingZeros();
            left.add(new BudgetLeft(budget.period(), budget.usd(), spentUsd, budget.usd().subtract(spentUsd).max(BigDecimal.ZERO)));
        }
        return left;
    }

    void admit(String scope, String who, Limits limits) {
        admit(scope, who, limits, 0);
    }

    private Reservation admit(String scope, String who, Limits limits, long estimatedTokens) {
        if (counters == null || limits.isEmpty()) {
            return Reservation.NONE;
        }
        Instant now = clock.get();
        for (Budget budget : limits.budgets()) {
            Window period = budget.period().at(now);
            long spent = counters.get(spendCounter(scope, budget), period.start().toEpochMilli());
            if (spent >= nanoDollars(budget.usd())) {
                throw budgetSpent(who, budget, spent, period, now);
            }
        }
        Window window = Window.fixed(now, limits.window());
        long start = window.start().toEpochMilli();
        Reservation reservation = Reservation.NONE;
        if (limits.tokens() != null) {
            long reserve = Math.min(Math.max(0, estimatedTokens), limits.tokens());
            boolean fits;
            if (reserve > 0) {
                reserve = reserveUpTo(scope + "|tokens", start, reserve, limits.tokens());
                fits = reserve > 0;
            } else {
                fits = counters.get(scope + "|tokens", start) < limits.tokens();
            }
            if (!fits) {
                throw rateLimited(who, "tokens", scope, limits, window, now);
            }
            reservation = new Reservation(scope, start, reserve);
        }
        if (limits.requests() != null && counters.addUpTo(scope + "|requests", start, 1, limits.requests()) < 0) {
            release(reservation);
            throw rateLimited(who, "requests", scope, limits, window, now);
        }
        return reservation;
    }

    /**
     * Reserves {@code wanted} tokens of the window, or what is left of it when that is less — so a window is
     * usable to its end, as when usage was only checked, while all that is reserved at once stays within the
     * limit. 0 when nothing is left.
     */
    private long reserveUpTo(String counter, long windowStart, long wanted, long limit) {
        for (int attempt = 0; attempt < 8; attempt++) { // a concurrent reservation may take what was left meanwhile
            long want = Math.min(wanted, limit - counters.get(counter, windowStart));
            if (want <= 0) {
                return 0;
            }
            if (counters.addUpTo(counter, windowStart, want, limit) >= 0) {
                return want;
            }
        }
        return 0;
    }

    void charge(String scope, Limits limits, Usage usage, BigDecimal cost) {
        charge(scope, limits, usage, cost, Reservation.NONE);
    }

    private void charge(String scope, Limits limits, Usage usage, BigDecimal cost, Reservation reservation) {
        if (counters == null || limits.isEmpty()) {
            return;
        }
        Instant now = clock.get();
        long used = usage == null ? 0 : Math.max(0, usage.totalTokens());
        if (limits.tokens() != null) {
            long start = Window.fixed(now, limits.window()).start().toEpochMilli();
            // A reservation lives in the window it was taken in: once that window has passed it is gone with it.
            long reserved = scope.equals(reservation.scope()) && reservation.windowStart() == start ? reservation.tokens() : 0;
            if (used - reserved != 0) {
                counters.add(scope + "|tokens", start, used - reserved);
            }
        }
        if (cost != null && cost.signum() > 0) {
            for (Budget budget : limits.budgets()) {
                counters.add(spendCounter(scope, budget), budget.period().at(now).start().toEpochMilli(), nanoDollars(cost));
            }
        }
    }

    private LimitExceeded rateLimited(String who, String exhausted, String scope, Limits limits, Window window, Instant now) {
        long start = window.start().toEpochMilli();
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("retry-after", LimitExceeded.retryAfter(window.remaining(now))));
        if (limits.requests() != null) {
            rateHeaders(headers, "requests", limits.requests(), counters.get(scope + "|requests", start), window, now);
        }
        if (limits.tokens() != null) {
            rateHeaders(headers, "tokens", limits.tokens(), counters.get(scope + "|tokens", start), window, now);
        }
        long limit = exhausted.equals("requests") ? limits.requests() : limits.tokens();
        return new LimitExceeded(ErrorType.RATE_LIMITED, "rate_limit_exceeded", "Rate limit of " + limit + " " + exhausted
                + " per " + limits.window().toSeconds() + "s reached for " + who + "; try again in "
                + LimitExceeded.resetIn(window.remaining(now)), headers);
    }

    private static void rateHeaders(List<Header> headers, String kind, long limit, long used, Window window, Instant now) {
        headers.add(new Header("x-ratelimit-limit-" + kind, Long.toString(limit)));
        headers.add(new Header("x-ratelimit-remaining-" + kind, Long.toString(Math.max(0, limit - used))));
        headers.add(new Header("x-ratelimit-reset-" + kind, LimitExceeded.resetIn(window.remaining(now))));
    }

    private static LimitExceeded budgetSpent(String who, Budget budget, long spent, Window period, Instant now) {
        return new LimitExceeded(ErrorType.INSUFFICIENT_QUOTA, "budget_exceeded", "The " + budget.period().adjective()
                + " budget of $" + budget.usd().toPlainString() + " for " + who + " is spent ($" + dollars(spent)
                + "); it renews at " + period.end(), List.of(new Header("retry-after", LimitExceeded.retryAfter(period.remaining(now)))));
    }

    private static String spendCounter(String scope, Budget budget) {
        return scope + "|spend|" + budget.period().wireName();
    }

    static String keyScope(String name) {
        return "key:" + name;
    }

    static String entryScope(String slug) {
        return "entry:" + slug;
    }

    /** US dollars as whole nano-dollars, rounded up so that even the cheapest request counts. */
    static long nanoDollars(BigDecimal usd) {
        return usd.movePointRight(9).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static String dollars(long nanoDollars) {
        return BigDecimal.valueOf(nanoDollars).movePointLeft(9).setScale(6, RoundingMode.HALF_UP).toPlainString();
    }
}
