package io.gatehouse.pipeline;

import io.gatehouse.cache.CacheStatus;
import io.gatehouse.context.RequestContext;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.error.ErrorBody;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.guardrails.Verdicts;
import io.gatehouse.http.Header;
import io.gatehouse.limits.Admission;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.routing.Route;
import io.gatehouse.routing.RouteRequest;
import io.gatehouse.routing.Router;
import io.gatehouse.telemetry.RequestRecord;
import io.gatehouse.upstream.ReplayableBody;
import io.gatehouse.upstream.SendUpstream;
import io.gatehouse.upstream.SpoolSpace;
import io.gatehouse.upstream.UpstreamRequest;
import io.gatehouse.upstream.UpstreamResponse;
import io.gatehouse.usage.UsageTap;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The request path of the catch-all proxy: every other {@code /v1/*} path, and {@code /v1/proxy/*} on
 * any path. Check the method, parse the gateway headers, find the route plan, admit the caller's key,
 * route (retries and fallbacks resend the body from its replay copy), send the client's body upstream
 * byte for byte, relay the answer byte for byte.
 * The body's replay copy is deleted once routing is over, whatever the outcome.
 */
public final class ProxyPipeline {
    /** The methods the proxy forwards; PATCH is deliberately not one (as in Portkey's gateway). */
    public static final List<String> METHODS = List.of("POST", "GET", "PUT", "DELETE");
    private static final JsonProvider JSON = JsonProvider.provider();

    private final RequestContextParser parseContext;
    private final Router router;
    private final Admission admission;
    private final SendUpstream upstream;
    private final int replayMemoryBytes;
    private final long maxModelScanBytes;
    private final SpoolSpace spool;
    private final RecordUsage recordUsage;
    private final ObserveRequest observe;
    private final CheckGuardrails checkGuardrails;

    /**
     * @param admission         the limits of gateway keys, checked before routing
     * @param replayMemoryBytes body bytes kept in memory for a resend before they spill to a temp file
     * @param maxModelScanBytes the largest JSON body read ahead to check a restricted key's model grant
     * @param spool             the temp space replay copies share
     * @param observe           where each request and attempt is reported (metrics, traces)
     */
    public ProxyPipeline(RequestContextParser parseContext, Router router, Admission admission, SendUpstream upstream,
                         int replayMemoryBytes, long maxModelScanBytes, SpoolSpace spool, RecordUsage recordUsage,
                         ObserveRequest observe) {
        this(parseContext, router, admission, upstream, replayMemoryBytes, maxModelScanBytes, spool, recordUsage, observe, null);
    }

    /** @param checkGuardrails the guardrails stage (for JSON bodies), or null for a gateway that runs none */
    public ProxyPipeline(RequestContextParser parseContext, Router router, Admission admission, SendUpstream upstream,
                         int replayMemoryBytes, long maxModelScanBytes, SpoolSpace spool, RecordUsage recordUsage,
                         ObserveRequest observe, CheckGuardrails checkGuardrails) {
        this.checkGuardrails = checkGuardrails;
        this.parseContext = parseContext;
        this.router = router;
        this.admission = admission;
        this.upstream = upstream;
        this.replayMemoryBytes = replayMemoryBytes;
        this.maxModelScanBytes = maxModelScanBytes;
        this.spool = spool;
        this.recordUsage = recordUsage;
        this.observe = observe;
    }

    /** The proxy's answer; the response cache does not cover the proxy, so it says {@code DISABLED}. */
    public GatewayResponse handle(ProxyRequest request) {
        return RequestPipeline.withCacheStatus(proxy(request), CacheStatus.DISABLED);
    }

    private GatewayResponse proxy(ProxyRequest request) {
        long start = System.nanoTime();
        String traceId = RequestContextParser.traceId(request.headers());
        RequestRecord record = observe.proxied(request.rawPath(), request.headers(), traceId);
        return observe.after(record, answer(request, start, traceId, record));
    }

    private GatewayResponse answer(ProxyRequest request, long start, String traceId, RequestRecord record) {
        RequestTrail trail = recordUsage.begin(start, traceId, request.rawPath());
        if (!METHODS.contains(request.method())) {
            record.failed("method_not_allowed");
            return trail.finish(methodNotAllowed(request.method(), traceId));
        }
        ReplayableBody body = null;
        Admission.Reservation reservation = Admission.Reservation.NONE;
        try {
            RequestContext ctx = parseContext.parse(request.headers(), traceId);
            trail.context(ctx);
            ProxyPath path = ProxyPath.of(request.rawPath(), request.rawQuery());
            Route plan = router.plan(ctx);
            body = replayable(request, router.mayResend(plan, ctx));
            String contentType = request.headers().first("content-type");
            ReplayableBody sent = body;
            Supplier<JsonObject> params = memoized(() -> jsonParams(sent, contentType, replayMemoryBytes));
            Supplier<String> model = memoized(() -> RequestedModel.of(sent, contentType, maxModelScanBytes));
            RouteRequest routeRequest = new RouteRequest(null, request.rawPath(), params, model);
            // The key's limits: a 429 before any target is tried; its token window holds this request's estimate.
            reservation = admission.admit(ctx.caller(), () -> TokenEstimate.ofProxied(request.bodyLength()));
            // Hooks apply to JSON bodies only: a file upload or a GET is proxied as without them.
            CheckGuardrails.Guard guard = checkGuardrails == null || sent == null || !isJson(contentType) ? null
                    : checkGuardrails.proxyGuard(ctx, params, model);
            Router.Routed<Attempted> routed = router.route(ctx, plan, routeRequest, target -> guard == null
                    ? send(BuildUpstreamRequest.proxy(ctx, target, request.method(), path, sent), target, record)
                    : guard.attempt(target, attempts(ctx, target, request.method(), path, sent, record)));
            long answered = System.nanoTime();
            trail.routed(routed, routed.sent().sentAt(), answered);
            Verdicts verdicts = routed.sent().verdicts();
            if (verdicts != null) {
                trail.guardrails(verdicts.hookResults().toString());
            }
            if (verdicts != null && verdicts.denied()) {
                admission.release(reservation);
                return trail.finish(CheckGuardrails.withheld(routed, verdicts, traceId, ErrorBody::of));
            }
            String serverTiming = RequestPipeline.serverTiming(start, routed.sent().sentAt(), answered);
            UsageTap usage = new UsageTap();
            ObserveRequest.routed(record, routed, usage);
            GatewayResponse relayed = RelayResponse.passThrough(ctx, routed, serverTiming, usage);
            return recordUsage.after(ctx, routed, usage, trail,
                    verdicts == null ? relayed : checkGuardrails.report(relayed, verdicts), reservation);
        } catch (GatewayException e) {
            admission.release(reservation);
            ObserveRequest.refused(record, e);
            GatewayException refusal = body != null && body.clientFailed() ? clientStoppedSending(e) : e;
            return trail.refused(refusal, RequestPipeline.refuse(refusal, traceId));
        } finally {
            if (body != null) {
                body.close();
            }
        }
    }

    /**
     * The client's body, kept for a resend only when routing could make one; a body that would spill more
     * than the temp space has left is refused at once (503) rather than half-copied.
     */
    private ReplayableBody replayable(ProxyRequest request, boolean resendable) {
        if (request.body() == null) {
            return null;
        }
        if (resendable && request.bodyLength() > replayMemoryBytes && !spool.hasRoomFor(request.bodyLength() - replayMemoryBytes)) {
            throw tempSpaceFull(spool);
        }
        return new ReplayableBody(request.body(), request.bodyLength(), replayMemoryBytes, spool, resendable);
    }

    static GatewayException tempSpaceFull(SpoolSpace spool) {
        return new GatewayException(ErrorType.OVERLOADED, 503, "temp_space_full", "The gateway's temp space for request "
                + "bodies that may be resent (" + spool.maxBytes() + " bytes) is full: try again shortly", null);
    }

    /**
     * The body as conditional routing's {@code params}: a JSON object no larger than the replay memory,
     * read (and kept for sending) only when a condition asks; {@code {}} for anything else, never an error.
     */
    static JsonObject jsonParams(ReplayableBody body, String contentType, int maxBytes) {
        if (body == null || !isJson(contentType)) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        byte[] bytes = body.wholeIfAtMost(maxBytes);
        if (bytes == null) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (var reader = JSON.createReader(new ByteArrayInputStream(bytes))) {
            return reader.readValue() instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        } catch (JsonException e) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    /** Reads the body at most once, however many conditions and grants ask for it. */
    private static <T> Supplier<T> memoized(Supplier<T> read) {
        Object[] value = {null};
        boolean[] done = {false};
        return () -> {
            if (!done[0]) {
                value[0] = read.get();
                done[0] = true;
            }
            @SuppressWarnings("unchecked")
            T result = (T) value[0];
            return result;
        };
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static GatewayResponse methodNotAllowed(String method, String traceId) {
        String allowed = String.join(", ", METHODS);
        GatewayResponse error = RequestPipeline.refuse(new GatewayException(ErrorType.METHOD_NOT_ALLOWED,
                "method_not_allowed", "The proxy does not forward " + method + ". Allowed: " + allowed), traceId);
        List<Header> headers = new ArrayList<>(error.headers());
        headers.add(new Header("Allow", allowed));
        return new GatewayResponse(error.status(), headers, error.body());
    }

    /**
     * One attempt, and when it was sent ({@link System#nanoTime()}) for the Server-Timing header.
     *
     * @param verdicts what the attempt's hooks decided, or null when it had none
     */
    private record Attempted(long sentAt, UpstreamResponse response, Verdicts verdicts) implements Router.Sent {
    }

    private Attempted send(UpstreamRequest request, ResolvedTarget target, RequestRecord record) {
        return ObserveRequest.attempt(record, target, request,
                () -> new Attempted(System.nanoTime(), upstream.send(request), null));
    }

    /** The attempts at one target as the guardrails stage sees them; a body the mutators rewrote is sent from memory. */
    private CheckGuardrails.Attempts<Attempted> attempts(RequestContext ctx, ResolvedTarget target, String method,
                                                         ProxyPath path, ReplayableBody body, RequestRecord record) {
        return new CheckGuardrails.Attempts<>() {
            @Override
            public Attempted send(JsonObject rewritten) {
                if (rewritten == null) {
                    return ProxyPipeline.this.send(BuildUpstreamRequest.proxy(ctx, target, method, path, body), target, record);
                }
                byte[] bytes = rewritten.toString().getBytes(StandardCharsets.UTF_8);
                try (ReplayableBody mutated = new ReplayableBody(new ByteArrayInputStream(bytes), bytes.length,
                        Math.max(replayMemoryBytes, bytes.length))) {
                    return ProxyPipeline.this.send(BuildUpstreamRequest.proxy(ctx, target, method, path, mutated), target, record);
                }
            }

            @Override
            public Attempted withheld(Verdicts verdicts) {
                return new Attempted(System.nanoTime(), UpstreamResponse.local(ErrorType.HOOKS_FAILED.status()), verdicts);
            }

            @Override
            public Attempted checked(Attempted sent, UpstreamResponse response, Verdicts verdicts) {
                return new Attempted(sent.sentAt(), response, verdicts);
            }
        };
    }

    /** The upstream call failed because the client's body broke off: say so, not "upstream failed". */
    private static GatewayException clientStoppedSending(GatewayException cause) {
        return new GatewayException(ErrorType.INVALID_REQUEST, 400, "body_unreadable",
                "Request body could not be read: the client stopped sending", cause);
    }
}
