package io.gatehouse.pipeline;

import io.gatehouse.cache.CacheLookup;
import io.gatehouse.cache.CacheStatus;
import io.gatehouse.cache.ResponseCaching;
import io.gatehouse.context.RequestContext;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.error.ErrorBody;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.Header;
import io.gatehouse.http.LogText;
import io.gatehouse.guardrails.Verdicts;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.limits.Admission;
import io.gatehouse.provider.Capability;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.routing.Route;
import io.gatehouse.routing.RouteRequest;
import io.gatehouse.routing.Router;
import io.gatehouse.telemetry.RequestRecord;
import io.gatehouse.upstream.SendUpstream;
import io.gatehouse.upstream.UpstreamResponse;
import io.gatehouse.usage.UsageTap;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The request path of every unified route, as the stages it runs in order: parse the gateway headers
 * (and authenticate), read the body, find the route plan, admit the caller's key (limits), route (target,
 * entry limits, attempts), run the guardrails around each attempt when hooks apply ({@link CheckGuardrails}),
 * build (or translate) the upstream request, look it up in the response cache (a hit is answered without the
 * upstream), send it, relay (or translate) the answer, record its usage, keep a complete answer that no hook
 * failed in the cache. Any stage
 * may refuse with a {@link GatewayException}, which becomes the JSON error the client sees.
 */
public final class RequestPipeline {
    private static final Logger LOG = Logger.getLogger(RequestPipeline.class.getName());

    private final RequestContextParser parseContext;
    private final Router router;
    private final Admission admission;
    private final SendUpstream upstream;
    private final long maxBodyBytes;
    private final RecordUsage recordUsage;
    private final ObserveRequest observe;
    private final ResponseCaching caching;
    private final CheckGuardrails checkGuardrails;

    /**
     * @param admission the limits of gateway keys, checked before routing
     * @param observe   where each request and attempt is reported (metrics, traces)
     */
    public RequestPipeline(RequestContextParser parseContext, Router router, Admission admission, SendUpstream upstream,
                           long maxBodyBytes, RecordUsage recordUsage, ObserveRequest observe) {
        this(parseContext, router, admission, upstream, maxBodyBytes, recordUsage, observe, ResponseCaching.OFF, null);
    }

    /**
     * @param caching         the response cache, consulted per attempt
     * @param checkGuardrails the guardrails stage, or null for a gateway that runs none
     */
    public RequestPipeline(RequestContextParser parseContext, Router router, Admission admission, SendUpstream upstream,
                           long maxBodyBytes, RecordUsage recordUsage, ObserveRequest observe, ResponseCaching caching,
                           CheckGuardrails checkGuardrails) {
        this.caching = caching;
        this.checkGuardrails = checkGuardrails;
        this.parseContext = parseContext;
        this.router = router;
        this.admission = admission;
        this.upstream = upstream;
        this.maxBodyBytes = maxBodyBytes;
        this.recordUsage = recordUsage;
        this.observe = observe;
    }

    /**
     * @param capability the unified route's capability
     * @param path       the request path as sent, e.g. {@code /v1/chat/completions}
     */
    public GatewayResponse handle(Capability capability, String path, RequestHeaders headers, InputStream body) {
        return handle(Ingress.openAi(capability), path, headers, body);
    }

    /**
     * The request path of any unified route family.
     *
     * @param ingress what the route asks of each attempt, and its error shape
     * @param path    the request path as sent, e.g. {@code /v1/messages}
     * @param body    the client's body (not read when the route takes none)
     */
    public GatewayResponse handle(Ingress ingress, String path, RequestHeaders headers, InputStream body) {
        long start = System.nanoTime();
        String traceId = RequestContextParser.traceId(headers);
        RequestRecord record = observe.unified(path, headers, traceId);
        return observe.after(record, answer(ingress, path, headers, body, start, traceId, record));
    }

    private GatewayResponse answer(Ingress ingress, String path, RequestHeaders headers, InputStream body, long start,
                                   String traceId, RequestRecord record) {
        Admission.Reservation reservation = Admission.Reservation.NONE;
        AtomicReference<CacheStatus> cacheStatus = new AtomicReference<>(CacheStatus.DISABLED); // the last attempt's
        RequestTrail trail = recordUsage.begin(start, traceId, path);
        try {
            RequestContext ctx = parseContext.parse(headers, traceId);
            trail.context(ctx);
            Optional<GatewayResponse> local = ingress.answerLocally(ctx);
            if (local.isPresent()) {
                return trail.finish(withCacheStatus(local.get(), CacheStatus.DISABLED));
            }
            JsonBody json = ingress.readsBody() ? JsonBody.read(body, maxBodyBytes, headers.contentLength()) : null;
            String asked = json == null ? null : json.model();
            record.asked(asked);
            trail.asked(asked);
            Route plan = router.plan(ctx);
            // The key's limits: a 429 before any target is tried; its token window holds this request's estimate.
            reservation = admission.admit(ctx.caller(), () -> TokenEstimate.of(json));
            CheckGuardrails.Guard guard = checkGuardrails == null ? null : checkGuardrails.guard(ctx, path, json);
            Router.Routed<Attempted> routed = router.route(ctx, plan, routeRequest(ingress, path, json),
                    Router.Attempt.readingAnswersWhole(target -> {
                        Attempted attempted = guard == null
                                ? send(ctx, path, json, target, ingress.call(ctx, target, json), record)
                                : guard.attempt(target, attempts(ctx, ingress, path, target, json, record));
                        cacheStatus.set(attempted.cache().status());
                        return attempted;
                    }));
            long answered = System.nanoTime();
            trail.routed(routed, routed.sent().sentAt(), answered);
            Verdicts verdicts = routed.sent().verdicts();
            if (verdicts != null) {
                trail.guardrails(verdicts.hookResults().toString());
            }
            if (verdicts != null && verdicts.denied()) {
                routed.sent().cache().discard();
                admission.release(reservation);
                return trail.finish(withCacheStatus(CheckGuardrails.withheld(routed, verdicts, traceId, ingress::errorBody),
                        cacheStatus.get()));
            }
            UnifiedCall call = routed.sent().call();
            CacheLookup cache = routed.sent().cache();
            UsageTap usage = new UsageTap();
            if (cache.status().hit()) {
                usage.markCached();
            }
            ObserveRequest.routed(record, routed, usage);
            GatewayResponse relayed = RelayResponse.relay(ctx, routed, serverTiming(start, routed.sent().sentAt(), answered),
                    usage, call.askedForUsage(), call.streamEnd());
            GatewayResponse answer = call.answer(relayed, routed.response(), routed::body, usage);
            if (verdicts != null && !verdicts.cacheable()) {
                cache.discard(); // an answer a hook failed is given (246) but never kept
            }
            // Labelled before the usage stage, whose request-log record reads the status from the answer's headers.
            GatewayResponse labelled = withCacheStatus(verdicts == null ? answer : checkGuardrails.report(answer, verdicts),
                    cache.status());
            return keepInCache(cache, recordUsage.after(ctx, routed, usage, trail, labelled, reservation));
        } catch (GatewayException e) {
            admission.release(reservation);
            ObserveRequest.refused(record, e);
            return trail.refused(e, withCacheStatus(refuse(e, traceId, ingress.errorBody(e)), cacheStatus.get()));
        }
    }

    /** The answer, kept in the cache once the client has it whole, when it may be. */
    private static GatewayResponse keepInCache(CacheLookup cache, GatewayResponse answer) {
        return new GatewayResponse(answer.status(), answer.headers(), out -> {
            answer.body().writeTo(out);
            cache.keepIfComplete(answer.status());
        });
    }

    static GatewayResponse withCacheStatus(GatewayResponse answer, CacheStatus status) {
        List<Header> headers = new ArrayList<>(answer.headers());
        headers.add(new Header(CacheStatus.HEADER, status.headerValue()));
        return new GatewayResponse(answer.status(), headers, answer.body());
    }

    /**
     * One attempt. Each may go to another provider, so the answer is read back by the call that asked for it.
     *
     * @param call     what was sent, or null when a guardrail withheld the request
     * @param sentAt   when it was sent ({@link System#nanoTime()}), for the Server-Timing header
     * @param verdicts what the attempt's hooks decided, or null when it had none
     */
    record Attempted(UnifiedCall call, long sentAt, UpstreamResponse response, CacheLookup cache, Verdicts verdicts)
            implements Router.Sent {
    }

    /** One attempt: answered from the cache when it holds the answer, else by the upstream. */
    private Attempted send(RequestContext ctx, String path, JsonBody json, ResolvedTarget target, UnifiedCall call,
                           RequestRecord record) {
        return ObserveRequest.attempt(record, target, call.request(), () -> {
            long sentAt = System.nanoTime();
            CacheLookup cache = caching.lookup(ctx.caller(), ctx.headers(), target, path, call.request(),
                    json == null ? null : json::toJsonObject, json != null && json.stream(), call instanceof Translation.Chat);
            UpstreamResponse response = cache.hit()
                    .orElseGet(() -> cache.keeping(call.received(upstream.send(call.request()))));
            return new Attempted(call, sentAt, response, cache, null);
        });
    }

    /** The attempts at one target as the guardrails stage sees them. */
    private CheckGuardrails.Attempts<Attempted> attempts(RequestContext ctx, Ingress ingress, String path,
                                                         ResolvedTarget target, JsonBody json, RequestRecord record) {
        return new CheckGuardrails.Attempts<>() {
            @Override
            public Attempted send(JsonObject rewritten) {
                JsonBody body = rewritten == null ? json : JsonBody.parse(rewritten.toString().getBytes(StandardCharsets.UTF_8));
                return RequestPipeline.this.send(ctx, path, body, target, ingress.call(ctx, target, body), record);
            }

            @Override
            public Attempted withheld(Verdicts verdicts) {
                return new Attempted(null, System.nanoTime(), UpstreamResponse.local(ErrorType.HOOKS_FAILED.status()),
                        CacheLookup.disabled(), verdicts);
            }

            @Override
            public Attempted checked(Attempted sent, UpstreamResponse response, Verdicts verdicts) {
                return new Attempted(sent.call(), sent.sentAt(), response, sent.cache(), verdicts);
            }
        };
    }

    private static RouteRequest routeRequest(Ingress ingress, String path, JsonBody json) {
        return json != null
                ? new RouteRequest(ingress.capability(), path, json::toJsonObject, json::model)
                : new RouteRequest(ingress.capability(), path, () -> JsonValue.EMPTY_JSON_OBJECT, () -> null);
    }

    /** A refusal as the client sees it, logged at the level its status deserves. */
    static GatewayResponse refuse(GatewayException e, String traceId) {
        return refuse(e, traceId, ErrorBody.of(e));
    }

    /** @param body the error in the route's own shape */
    static GatewayResponse refuse(GatewayException e, String traceId, byte[] body) {
        LOG.log(e.status() >= 500 ? Level.WARNING : Level.FINE, "trace {0}: {1} {2}: {3} ({4})",
                new Object[] {LogText.of(traceId), e.status(), e.code(), LogText.of(e.getMessage()), LogText.of(e.getCause())});
        return GatewayResponse.error(e, traceId, body);
    }

    /** The gateway's own time before the (last) upstream call, and that call's time to answer headers. */
    static String serverTiming(long start, long sent, long answered) {
        // Built by hand: String.format cost more than the rest of this class on the hot path.
        return "gateway;dur=" + millis(sent - start) + ", upstream;dur=" + millis(answered - sent);
    }

    /** Nanoseconds as milliseconds with three decimals, e.g. {@code 1.234}. */
    static String millis(long nanos) {
        long micros = Math.max(0, nanos) / 1000;
        long frac = micros % 1000;
        return micros / 1000 + (frac < 10 ? ".00" : frac < 100 ? ".0" : ".") + frac;
    }
}
