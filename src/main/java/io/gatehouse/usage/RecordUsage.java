package io.gatehouse.usage;

import io.gatehouse.access.CatalogEntry;
import io.gatehouse.context.RequestContext;
import io.gatehouse.model.Usage;
import io.gatehouse.pipeline.GatewayResponse;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.routing.Router;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last stage of every route: once the answer has been written to the client — streams included, so
 * their usage is known — the request's usage is priced, logged (one line per request, never a secret) and
 * charged to the caller's and the catalog entry's limits.
 */
public final class RecordUsage {
    private static final Logger LOG = Logger.getLogger("io.gatehouse.usage");

    /** Where a request's usage and cost are charged (the limits); {@link #NONE} charges nothing. */
    @FunctionalInterface
    public interface Charge {
        Charge NONE = (ctx, target, usage, cost) -> { };

        /** @param cost the request's cost in US dollars, or null when it could not be priced */
        void charge(RequestContext ctx, ResolvedTarget target, Usage usage, BigDecimal cost);
    }

    private final Supplier<Pricing> pricing;
    private final Charge charge;

    public RecordUsage(Supplier<Pricing> pricing, Charge charge) {
        this.pricing = pricing;
        this.charge = charge;
    }

    /** The answer, recording the request's usage once its body has been written (or has failed). */
    public GatewayResponse after(RequestContext ctx, Router.Routed routed, UsageTap usage, GatewayResponse answer) {
        return new GatewayResponse(answer.status(), answer.headers(), out -> {
            try {
                answer.body().writeTo(out);
            } finally {
                record(ctx, routed.target(), answer.status(), usage);
            }
        });
    }

    void record(RequestContext ctx, ResolvedTarget target, int status, UsageTap tap) {
        Usage usage = tap.usage();
        String model = target.model() != null ? target.model() : tap.model();
        BigDecimal cost = usage == null ? null : price(target, model, tap.model()).map(p -> p.cost(usage)).orElse(null);
        try {
            charge.charge(ctx, target, usage, cost);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "trace " + ctx.traceId() + ": usage could not be charged to the limits", e);
        }
        LOG.info(() -> line(ctx, target, status, model, usage, cost));
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
