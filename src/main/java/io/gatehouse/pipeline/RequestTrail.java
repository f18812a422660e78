package io.gatehouse.pipeline;

import io.gatehouse.context.RequestContext;
import io.gatehouse.error.GatewayException;
import io.gatehouse.model.Usage;
import io.gatehouse.requestlog.RequestLogSink;
import io.gatehouse.requestlog.RequestRecord;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.routing.Router;
import io.gatehouse.routing.RoutingFailure;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * What the request log keeps of one request, gathered as its stages run, and handed to the log once its
 * answer has been written — a stream when it ends or the client leaves. One per request, used by the
 * thread that runs it. Never holds a key or a body.
 */
public final class RequestTrail {
    /** The answer header the response cache sets ({@code HIT}, {@code MISS}, …). */
    static final String CACHE_STATUS = "x-portkey-cache-status";

    private final RequestLogSink sink;
    private final long start;
    private final Instant arrived;
    private final String traceId;
    private final String route;
    private final String clientFormat;
    private RequestContext ctx;
    private String modelAsked;
    private ResolvedTarget target;
    private String provider;
    private String optionPath;
    private int retries;
    private boolean stream;
    private long sentAt;
    private long answeredAt;
    private long firstByteAt;
    private Usage usage;
    private String modelAnswered;
    private BigDecimal cost;
    private String errorCode;
    private String guardrails;

    private RequestTrail(RequestLogSink sink, Clock clock, long start, String traceId, String route) {
        this.sink = sink;
        this.start = start;
        this.arrived = clock.instant();
        this.traceId = traceId;
        this.route = route;
        this.clientFormat = clientFormat(route);
    }

    /**
     * A request's trail, begun when it arrived.
     *
     * @param start when it arrived ({@link System#nanoTime()})
     * @param route the path called
     */
    public static RequestTrail begin(RequestLogSink sink, Clock clock, long start, String traceId, String route) {
        return new RequestTrail(sink, clock, start, traceId, route);
    }

    /** The client's dialect, from the route it called. */
    static String clientFormat(String route) {
        if (route.startsWith("/v1/messages")) {
            return "anthropic-messages";
        }
        if (route.startsWith("/v1/responses")) {
            return "openai-responses";
        }
        if (route.equals("/v1/chat/completions") || route.equals("/v1/completions") || route.equals("/v1/embeddings")) {
            return "openai";
        }
        return "proxy";
    }

    void context(RequestContext parsed) {
        this.ctx = parsed;
    }

    /** The model the client's body named. */
    void asked(String model) {
        this.modelAsked = model;
    }

    /**
     * Where routing ended up.
     *
     * @param sent     when the answering attempt was sent ({@link System#nanoTime()})
     * @param answered when its answer's headers came
     */
    void routed(Router.Routed<?> routed, long sent, long answered) {
        this.target = routed.target();
        this.provider = routed.target().provider().slug();
        this.optionPath = routed.target().optionPath();
        this.retries = routed.retries();
        this.stream = routed.response().isEventStream();
        this.sentAt = sent;
        this.answeredAt = answered;
    }

    /** The answer's usage and price, once it is complete. */
    void priced(Usage reported, String answeredModel, BigDecimal price) {
        this.usage = reported;
        this.modelAnswered = answeredModel;
        this.cost = price;
    }

    /** The guardrails' verdicts as JSON text: the seam for the guardrails stage. */
    public void guardrails(String verdictsJson) {
        this.guardrails = verdictsJson;
    }

    /** The answer, handing the record to the log once its body has been written (or has failed). */
    GatewayResponse finish(GatewayResponse answer) {
        if (sink == RequestLogSink.NONE) {
            return answer;
        }
        return new GatewayResponse(answer.status(), answer.headers(), out -> {
            try {
                answer.body().writeTo(new Watched(out));
            } catch (RelayResponse.UpstreamBodyBrokenException e) {
                errorCode = "upstream_body_broken";
                throw e;
            } finally {
                sink.accept(record(answer.status(), answer.header(CACHE_STATUS), System.nanoTime()));
            }
        });
    }

    /** A refusal (the gateway's own error), recorded once written. */
    GatewayResponse refused(GatewayException e, GatewayResponse answer) {
        errorCode = e.code();
        if (e instanceof RoutingFailure failure) {
            provider = failure.provider();
            optionPath = failure.optionPath();
            retries = failure.retries();
        }
        return finish(answer);
    }

    /** The record of this request as it stands, answered with {@code status}. */
    RequestRecord record(int status, String cacheStatus, long end) {
        String requested = target != null && target.model() != null ? target.model() : modelAsked;
        Map<String, String> metadata = ctx == null ? Map.of() : ctx.metadata();
        return new RequestRecord(arrived, traceId, ctx == null ? "-" : ctx.caller().name(), metadata, route, clientFormat,
                provider, target == null || target.entry() == null ? null : target.entry().slug(), requested,
                modelAnswered != null ? modelAnswered : requested, status, errorCode, stream, millis(end - start),
                sentAt == 0 ? null : millis(sentAt - start), sentAt == 0 ? null : millis(answeredAt - sentAt),
                stream && firstByteAt != 0 ? millis(firstByteAt - start) : null, retries, optionPath,
                usage == null ? null : (long) usage.promptTokens(),
                usage == null || usage.cachedTokens() == null ? null : (long) usage.cachedTokens(),
                usage == null ? null : (long) usage.completionTokens(),
                usage == null || usage.reasoningTokens() == null ? null : (long) usage.reasoningTokens(),
                cost, cacheStatus, guardrails);
    }

    private static double millis(long nanos) {
        return Math.max(0, nanos) / 1_000_000.0;
    }

    /** Notes when the first body byte went to the client, and whether the client left (a write failed). */
    private final class Watched extends FilterOutputStream {
        Watched(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0 && firstByteAt == 0) {
                firstByteAt = System.nanoTime();
            }
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                clientLeft();
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                clientLeft();
                throw e;
            }
        }
    }

    private void clientLeft() {
        if (errorCode == null) {
            errorCode = "client_disconnected";
        }
    }
}
