package io.gatehouse.pipeline;

import io.gatehouse.context.RequestContext;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.error.ErrorBody;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.guardrails.Verdicts;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.limits.Admission;
import io.gatehouse.provider.Capability;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.routing.Route;
import io.gatehouse.routing.RouteRequest;
import io.gatehouse.routing.Router;
import io.gatehouse.upstream.SendUpstream;
import io.gatehouse.upstream.UpstreamResponse;
import io.gatehouse.usage.UsageTap;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The request path of every unified route, as the stages it runs in order: parse the gateway headers
 * (and authenticate), read the body, find the route plan, admit the caller's key (limits), route (target,
 * entry limits, attempts), build (or translate) and send the upstream request, relay (or translate) the
 * answer, record its usage. Guardrails ({@link CheckGuardrails}) run around each attempt when hooks apply. Any stage
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
    private final CheckGuardrails checkGuardrails;

    /** @param admission the limits of gateway keys, checked before routing */
    public RequestPipeline(RequestContextParser parseContext, Router router, Admission admission, SendUpstream upstream,
                           long maxBodyBytes, RecordUsage recordUsage) {
        this(parseContext, router, admission, upstream, maxBodyBytes, recordUsage, null);
    }

    /** @param checkGuardrails the guardrails stage, or null for a gateway that runs none */
    public RequestPipeline(RequestContextParser parseContext, Router router, Admission admission, SendUpstream upstream,
                           long maxBodyBytes, RecordUsage recordUsage, CheckGuardrails checkGuardrails) {
        this.checkGuardrails = checkGuardrails;
        this.parseContext = parseContext;
        this.router = router;
        this.admission = admission;
        this.upstream = upstream;
        this.maxBodyBytes = maxBodyBytes;
        this.recordUsage = recordUsage;
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
        try {
            RequestContext ctx = parseContext.parse(headers, traceId);
            Optional<GatewayResponse> local = ingress.answerLocally(ctx);
            if (local.isPresent()) {
                return local.get();
            }
            JsonBody json = ingress.readsBody() ? JsonBody.read(body, maxBodyBytes, headers.contentLength()) : null;
            Route plan = router.plan(ctx);
            admission.admit(ctx.caller()); // the key's limits: a 429 before any target is tried
            CheckGuardrails.Guard guard = checkGuardrails == null ? null : checkGuardrails.guard(ctx, path, json);
            Router.Routed<Attempted> routed = router.route(ctx, plan, routeRequest(ingress, path, json),
                    Router.Attempt.readingAnswersWhole(target -> guard == null ? send(ingress.call(ctx, target, json))
                            : guard.attempt(target, attempts(ctx, ingress, target, json))));
            long answered = System.nanoTime();
            Verdicts verdicts = routed.sent().verdicts();
            if (verdicts != null && verdicts.denied()) {
                return CheckGuardrails.withheld(routed, verdicts, traceId, ingress::errorBody);
            }
            UnifiedCall call = routed.sent().call();
            UsageTap usage = new UsageTap();
            GatewayResponse relayed = RelayResponse.relay(ctx, routed, serverTiming(start, routed.sent().sentAt(), answered),
                    usage, call.askedForUsage(), call.streamEnd());
            GatewayResponse answer = call.answer(relayed, routed.response(), routed::body, usage);
            return recordUsage.after(ctx, routed, usage, verdicts == null ? answer : checkGuardrails.report(answer, verdicts));
        } catch (GatewayException e) {
            return refuse(e, traceId, ingress.errorBody(e));
        }
    }

    /**
     * One attempt. Each may go to another provider, so the answer is read back by the call that asked for it.
     *
     * @param call     what was sent, or null when a guardrail withheld the request
     * @param sentAt   when it was sent ({@link System#nanoTime()}), for the Server-Timing header
     * @param verdicts what the attempt's hooks decided, or null when it had none
     */
    record Attempted(UnifiedCall call, long sentAt, UpstreamResponse response, Verdicts verdicts) implements Router.Sent {
    }

    /** The attempts at one target as the guardrails stage sees them. */
    private CheckGuardrails.Attempts<Attempted> attempts(RequestContext ctx, Ingress ingress, ResolvedTarget target, JsonBody json) {
        return new CheckGuardrails.Attempts<>() {
            @Override
            public Attempted send(JsonObject rewritten) {
                JsonBody body = rewritten == null ? json : JsonBody.parse(rewritten.toString().getBytes(StandardCharsets.UTF_8));
                return RequestPipeline.this.send(ingress.call(ctx, target, body));
            }

            @Override
            public Attempted withheld(Verdicts verdicts) {
                return new Attempted(null, System.nanoTime(), UpstreamResponse.local(ErrorType.HOOKS_FAILED.status()), verdicts);
            }

            @Override
            public Attempted checked(Attempted sent, UpstreamResponse response, Verdicts verdicts) {
                return new Attempted(sent.call(), sent.sentAt(), response, verdicts);
            }
        };
    }

    private Attempted send(UnifiedCall call) {
        long sentAt = System.nanoTime();
        return new Attempted(call, sentAt, upstream.send(call.request()), null);
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
                new Object[] {traceId, e.status(), e.code(), e.getMessage(), String.valueOf(e.getCause())});
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
