package io.gatehouse.pipeline;

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
import io.gatehouse.upstream.ReplayableBody;
import io.gatehouse.upstream.SendUpstream;
import io.gatehouse.upstream.UpstreamRequest;
import io.gatehouse.upstream.UpstreamResponse;
import io.gatehouse.usage.UsageTap;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
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
    private final RecordUsage recordUsage;
    private final CheckGuardrails checkGuardrails;

    /**
     * @param admission         the limits of gateway keys, checked before routing
     * @param replayMemoryBytes body bytes kept in memory for a resend before they spill to a temp file
     */
    public ProxyPipeline(RequestContextParser parseContext, Router router, Admission admission, SendUpstream upstream,
                         int replayMemoryBytes, RecordUsage recordUsage) {
        this(parseContext, router, admission, upstream, replayMemoryBytes, recordUsage, null);
    }

    /** @param checkGuardrails the guardrails stage (for JSON bodies), or null for a gateway that runs none */
    public ProxyPipeline(RequestContextParser parseContext, Router router, Admission admission, SendUpstream upstream,
                         int replayMemoryBytes, RecordUsage recordUsage, CheckGuardrails checkGuardrails) {
        this.checkGuardrails = checkGuardrails;
        this.parseContext = parseContext;
        this.router = router;
        this.admission = admission;
        this.upstream = upstream;
        this.replayMemoryBytes = replayMemoryBytes;
        this.recordUsage = recordUsage;
    }

    public GatewayResponse handle(ProxyRequest request) {
        long start = System.nanoTime();
        String traceId = RequestContextParser.traceId(request.headers());
        if (!METHODS.contains(request.method())) {
            return methodNotAllowed(request.method(), traceId);
        }
        ReplayableBody body = request.body() == null
                ? null : new ReplayableBody(request.body(), request.bodyLength(), replayMemoryBytes);
        try {
            RequestContext ctx = parseContext.parse(request.headers(), traceId);
            ProxyPath path = ProxyPath.of(request.rawPath(), request.rawQuery());
            String contentType = request.headers().first("content-type");
            Supplier<JsonObject> params = memoized(() -> jsonParams(body, contentType, replayMemoryBytes));
            Supplier<String> model = () -> params.get().get("model") instanceof JsonString m ? m.getString() : null;
            RouteRequest routeRequest = new RouteRequest(null, request.rawPath(), params, model);
            Route plan = router.plan(ctx);
            admission.admit(ctx.caller()); // the key's limits: a 429 before any target is tried
            // Hooks apply to JSON bodies only: a file upload or a GET is proxied as without them.
            CheckGuardrails.Guard guard = checkGuardrails == null || body == null || !isJson(contentType) ? null
                    : checkGuardrails.proxyGuard(ctx, params, model);
            Router.Routed<Attempted> routed = router.route(ctx, plan, routeRequest, target -> guard == null
                    ? send(BuildUpstreamRequest.proxy(ctx, target, request.method(), path, body), null)
                    : guard.attempt(target, attempts(ctx, target, request.method(), path, body)));
            Verdicts verdicts = routed.sent().verdicts();
            if (verdicts != null && verdicts.denied()) {
                return CheckGuardrails.withheld(routed, verdicts, traceId, ErrorBody::of);
            }
            String serverTiming = RequestPipeline.serverTiming(start, routed.sent().sentAt(), System.nanoTime());
            UsageTap usage = new UsageTap();
            GatewayResponse relayed = RelayResponse.passThrough(ctx, routed, serverTiming, usage);
            return recordUsage.after(ctx, routed, usage, verdicts == null ? relayed : checkGuardrails.report(relayed, verdicts));
        } catch (GatewayException e) {
            return RequestPipeline.refuse(body != null && body.clientFailed() ? clientStoppedSending(e) : e, traceId);
        } finally {
            if (body != null) {
                body.close();
            }
        }
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
    private static Supplier<JsonObject> memoized(Supplier<JsonObject> read) {
        JsonObject[] value = {null};
        return () -> {
            if (value[0] == null) {
                value[0] = read.get();
            }
            return value[0];
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

    private Attempted send(UpstreamRequest request, Verdicts verdicts) {
        long sentAt = System.nanoTime();
        return new Attempted(sentAt, upstream.send(request), verdicts);
    }

    /** The attempts at one target as the guardrails stage sees them; a body the mutators rewrote is sent from memory. */
    private CheckGuardrails.Attempts<Attempted> attempts(RequestContext ctx, ResolvedTarget target, String method,
                                                         ProxyPath path, ReplayableBody body) {
        return new CheckGuardrails.Attempts<>() {
            @Override
            public Attempted send(JsonObject rewritten) {
                if (rewritten == null) {
                    return ProxyPipeline.this.send(BuildUpstreamRequest.proxy(ctx, target, method, path, body), null);
                }
                byte[] bytes = rewritten.toString().getBytes(StandardCharsets.UTF_8);
                try (ReplayableBody mutated = new ReplayableBody(new ByteArrayInputStream(bytes), bytes.length,
                        Math.max(replayMemoryBytes, bytes.length))) {
                    return ProxyPipeline.this.send(BuildUpstreamRequest.proxy(ctx, target, method, path, mutated), null);
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
