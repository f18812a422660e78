package io.gatehouse.pipeline;

import io.gatehouse.access.CatalogEntry;
import io.gatehouse.context.RequestContext;
import io.gatehouse.limits.Admission;
import io.gatehouse.model.Usage;
import io.gatehouse.requestlog.RequestLogSink;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.routing.Router;
import io.gatehouse.usage.Price;
import io.gatehouse.usage.Pricing;
import io.gatehouse.usage.UsageTap;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last stage of every route: once the answer has been written to the client — streams included, so
 * their usage is known — the request's usage is priced, logged (one line per request, never a secret) and
 * charged to the caller's and the catalog entry's limits; and the request's record goes to the request log.
 */
public final class RecordUsage {
    private static final Logger LOG = Logger.getLogger("io.gatehouse.usage");

    private final Supplier<Pricing> pricing;
    private final Admission limits;
    private final RequestLogSink requestLog;
    private final Clock clock;

    /** @param limits where usage and cost are charged; {@link Admission#UNLIMITED} charges nothing */
    public RecordUsage(Supplier<Pricing> pricing, Admission limits) {
        this(pricing, limits, RequestLogSink.NONE, Clock.systemUTC());
    }

    /** @param requestLog where each request's record goes once its answer is written */
    public RecordUsage(Supplier<Pricing> pricing, Admission limits, RequestLogSink requestLog, Clock clock) {
        this.pricing = pricing;
        this.limits = limits;
        this.requestLog = requestLog;
        this.clock = clock;
    }

    /**
     * The trail of a request that just arrived, for its record in the request log.
     *
     * @param start when it arrived ({@link System#nanoTime()})
     * @param route the path called
     */
    RequestTrail begin(long start, String traceId, String route) {
        return RequestTrail.begin(requestLog, clock, start, traceId, route);
    }

    /**
     * The answer, recording the request's usage once its body has been written (or has failed), and then its
     * record in the request log.
     */
    public GatewayResponse after(RequestContext ctx, Router.Routed<?> routed, UsageTap usage, RequestTrail trail,
                                 GatewayResponse answer) {
        return trail.finish(new GatewayResponse(answer.status(), answer.headers(), out -> {
            try {
                answer.body().writeTo(out);
            } finally {
                record(ctx, routed.target(), answer.status(), usage, trail);
            }
        }));
    }

    void record(RequestContext ctx, ResolvedTarget target, int status, UsageTap tap, RequestTrail trail) {
        Usage usage = tap.usage();
        String model = target.model() != null ? target.model() : tap.model();
        BigDecimal cost = usage == null ? null : price(target, model, tap.model()).map(p -> p.cost(usage)).orElse(null);
        trail.priced(usage, tap.model(), cost);
        try {
            limits.charge(ctx, target.entry(), usage, cost);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "trace " + ctx.traceId() + ": usage could not be charged to the limits", e);
        }
        // FINE by default: a line per request through the container's console formatter cost ~15% of the
        // gateway's CPU per request. Operators turn it on with set-log-levels io.gatehouse.usage=INFO.
        LOG.fine(() -> line(ctx, target, status, model, usage, cost));
    }

    /** The entry's own price first, then the table's; the model asked for first, then the one that answered. */
    Optional<Price> price(ResolvedTarget target, String asked, String answered) {
        for (String model : new String[] {asked, answered}) {
            if (model == null) {
                continue;
            }
            CatalogEntry entry = target.entry();
            Optional<Price> price = entry != null ? entry.price(model) : Optional.empty();
            if (price.isEmpty()) {
                price = pricing.get().find(target.provider().slug(), model);
            }
            if (price.isPresent()) {
                return price;
            }
        }
        return Optional.empty();
    }

    static String line(RequestContext ctx, ResolvedTarget target, int status, String model, Usage usage, BigDecimal cost) {
        StringBuilder s = new StringBuilder("usage trace=").append(ctx.traceId())
                .append(" key=").append(ctx.caller().name())
                .append(" entry=").append(target.entry() == null ? "-" : "@" + target.entry().slug())
                .append(" provider=").append(target.provider().slug())
                .append(" model=").append(model == null ? "-" : model)
                .append(" status=").append(status);
        if (usage == null) {
            return s.append(" tokens=unreported").toString();
        }
        return s.append(" input=").append(usage.promptTokens())
                .append(" cached=").append(usage.cachedTokens() == null ? 0 : usage.cachedTokens())
                .append(" output=").append(usage.completionTokens())
                .append(" reasoning=").append(usage.reasoningTokens() == null ? 0 : usage.reasoningTokens())
                .append(" total=").append(usage.totalTokens())
                .append(" cost_usd=").append(cost == null ? "unpriced" : cost.stripTrailingZeros().toPlainString())
                .toString();
    }
}
