package io.gatehouse.pipeline;

import io.gatehouse.context.RequestContext;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.Header;
import io.gatehouse.limits.Admission;
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

    /**
     * @param admission         the limits of gateway keys, checked before routing
     * @param replayMemoryBytes body bytes kept in memory for a resend before they spill to a temp file
     */
    public ProxyPipeline(RequestContextParser parseContext, Router router, Admission admission, SendUpstream upstream,
                         int replayMemoryBytes, RecordUsage recordUsage) {
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
        RequestTrail trail = recordUsage.begin(start, traceId, request.rawPath());
        if (!METHODS.contains(request.method())) {
            return trail.finish(methodNotAllowed(request.method(), traceId));
        }
        ReplayableBody body = request.body() == null
                ? null : new ReplayableBody(request.body(), request.bodyLength(), replayMemoryBytes);
        try {
            RequestContext ctx = parseContext.parse(request.headers(), traceId);
            trail.context(ctx);
            ProxyPath path = ProxyPath.of(request.rawPath(), request.rawQuery());
            String contentType = request.headers().first("content-type");
            Supplier<JsonObject> params = memoized(() -> jsonParams(body, contentType, replayMemoryBytes));
            RouteRequest routeRequest = new RouteRequest(null, request.rawPath(), params,
                    () -> params.get().get("model") instanceof JsonString model ? model.getString() : null);
            Route plan = router.plan(ctx);
            admission.admit(ctx.caller()); // the key's limits: a 429 before any target is tried
            Router.Routed<Attempted> routed = router.route(ctx, plan, routeRequest,
                    target -> send(BuildUpstreamRequest.proxy(ctx, target, request.method(), path, body)));
            long answered = System.nanoTime();
            trail.routed(routed, routed.sent().sentAt(), answered);
            String serverTiming = RequestPipeline.serverTiming(start, routed.sent().sentAt(), answered);
            UsageTap usage = new UsageTap();
            return recordUsage.after(ctx, routed, usage, trail, RelayResponse.passThrough(ctx, routed, serverTiming, usage));
        } catch (GatewayException e) {
            GatewayException refusal = body != null && body.clientFailed() ? clientStoppedSending(e) : e;
            return trail.refused(refusal, RequestPipeline.refuse(refusal, traceId));
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

    /** One attempt, and when it was sent ({@link System#nanoTime()}) for the Server-Timing header. */
    private record Attempted(long sentAt, UpstreamResponse response) implements Router.Sent {
    }

    private Attempted send(UpstreamRequest request) {
        long sentAt = System.nanoTime();
        return new Attempted(sentAt, upstream.send(request));
    }

    /** The upstream call failed because the client's body broke off: say so, not "upstream failed". */
    private static GatewayException clientStoppedSending(GatewayException cause) {
        return new GatewayException(ErrorType.INVALID_REQUEST, 400, "body_unreadable",
                "Request body could not be read: the client stopped sending", cause);
    }
}
