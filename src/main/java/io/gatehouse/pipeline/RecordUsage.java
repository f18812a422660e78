package io.gatehouse.pipeline;

import io.gatehouse.access.CatalogEntry;
import io.gatehouse.context.RequestContext;
import io.gatehouse.http.LogText;
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

    private static final Usage CACHED = new Usage(0, 0, 0, null, null);

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

    /** {@link #after(RequestContext, Router.Routed, UsageTap, RequestTrail, GatewayResponse, Admission.Reservation)} of a request with no trail begun and nothing reserved. */
    GatewayResponse after(RequestContext ctx, Router.Routed<?> routed, UsageTap usage, GatewayResponse answer) {
        return after(ctx, routed, usage, begin(System.nanoTime(), ctx.traceId(), ""), answer, Admission.Reservation.NONE);
    }

    /**
     * The answer, recording the request's usage once its body has been written (or has failed) — a client
     * that goes away before the provider's usage arrived is charged what was relayed to it — settling the
     * tokens reserved for the request when it was admitted, and then writing its record in the request log.
     */
    public GatewayResponse after(RequestContext ctx, Router.Routed<?> routed, UsageTap usage, RequestTrail trail,
                                 GatewayResponse answer, Admission.Reservation reservation) {
        boolean eventStream = String.valueOf(answer.header("Content-Type")).startsWith("text/event-stream");
        return trail.finish(new GatewayResponse(answer.status(), answer.headers(), out -> {
            Relayed relayed = new Relayed(out);
            try {
                answer.body().writeTo(relayed);
            } finally {
                record(ctx, routed.target(), answer.status(), usage, relayed.estimate(eventStream), reservation, trail);
            }
        }));
    }

    /** Where a charge's token counts came from. */
    enum UsageSource {
        /** the provider's own report */
        PROVIDER,
        /** none came (the client left before it, or the provider never sends one): estimated from what was relayed */
        ESTIMATE,
        /** nothing to charge: no report and nothing relayed, or not a success */
        NONE
    }

    /** The usage charged for an answer: the provider's when it reported one, else the relay's estimate. */
    static Usage charged(UsageTap tap, int status, Usage relayedEstimate) {
        if (tap.usage() != null) {
            return tap.usage();
        }
        boolean succeeded = status >= 200 && status < 300;
        return succeeded && relayedEstimate != null && relayedEstimate.totalTokens() > 0 ? relayedEstimate : null;
    }

    static UsageSource source(UsageTap tap, Usage charged) {
        return tap.usage() != null ? UsageSource.PROVIDER : charged != null ? UsageSource.ESTIMATE : UsageSource.NONE;
    }

    void record(RequestContext ctx, ResolvedTarget target, int status, UsageTap tap, Usage relayedEstimate,
                Admission.Reservation reservation, RequestTrail trail) {
        // An answer from the response cache spent no upstream tokens: it is charged and logged as zero.
        Usage usage = tap.cached() ? CACHED : charged(tap, status, relayedEstimate);
        UsageSource source = source(tap, usage);
        String model = target.model() != null ? target.model() : tap.model();
        BigDecimal cost = tap.cached() ? BigDecimal.ZERO
                : usage == null ? null : price(target, model, tap.model()).map(p -> p.cost(usage)).orElse(null);
        trail.priced(usage, tap.model(), cost);
        try {
            limits.charge(ctx, target.entry(), usage, cost, reservation);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "trace " + ctx.traceId() + ": usage could not be charged to the limits", e);
        }
        // FINE by default: a line per request through the container's console formatter cost ~15% of the
        // gateway's CPU per request. Operators turn it on with set-log-levels io.gatehouse.usage=INFO.
        LOG.fine(() -> line(ctx, target, status, model, usage, cost) + " usage=" + source.name().toLowerCase(java.util.Locale.ROOT)
                + (tap.cached() ? " cache=hit" : ""));
    }

    /**
     * Counts what reaches the client: its bytes, and for an event stream its events. The estimate of a
     * stream's output is one token per event carrying data (providers stream about a token per chunk);
     * of any other answer, a token per four bytes.
     */
    static final class Relayed extends java.io.FilterOutputStream {
        private long bytes;
        private long events;
        private int previous = -1;

        Relayed(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws java.io.IOException {
            out.write(b);
            count(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
            for (int i = off; i < off + len; i++) {
                count(b[i]);
            }
        }

        private void count(int b) {
            bytes++;
            if (b == '\n' && previous == '\n') {
                events++;
            }
            previous = b;
        }

        Usage estimate(boolean eventStream) {
            long tokens = eventStream ? events : (bytes + 3) / 4;
            return tokens == 0 ? null : Usage.of(0, (int) Math.min(Integer.MAX_VALUE, tokens));
        }
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
        StringBuilder s = new StringBuilder("usage trace=").append(LogText.of(ctx.traceId()))
                .append(" key=").append(ctx.caller().name())
                .append(" entry=").append(target.entry() == null ? "-" : "@" + target.entry().slug())
                .append(" provider=").append(target.provider().slug())
                .append(" model=").append(LogText.of(model))
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
