package io.gatehouse.pipeline;

import io.gatehouse.access.CatalogEntry;
import io.gatehouse.config.HookConfig;
import io.gatehouse.config.Hooks;
import io.gatehouse.context.RequestContext;
import io.gatehouse.guardrails.CheckInput;
import io.gatehouse.guardrails.Event;
import io.gatehouse.guardrails.Guardrails;
import io.gatehouse.guardrails.HookRun;
import io.gatehouse.guardrails.HooksFailed;
import io.gatehouse.guardrails.StreamText;
import io.gatehouse.guardrails.Verdicts;
import io.gatehouse.http.Header;
import io.gatehouse.model.Json;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.routing.Router;
import io.gatehouse.routing.RoutingHeaders;
import io.gatehouse.upstream.SseFramer;
import io.gatehouse.upstream.UpstreamResponse;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The guardrails stage, around each attempt: the target's hooks (the gateway key's, then the config's,
 * inherited down its tree, then the catalog entry's) run on the request before it is sent — a deny failure
 * withholds it (446, nothing sent) — and on a successful answer before it counts as one: a deny failure
 * withholds it too, so a fallback tries its next target. Event streams are held back, up to
 * {@code maxHeldBytes}, until the hooks have decided. An attempt with no hooks costs nothing more.
 */
public final class CheckGuardrails {
    /** The header saying how the hooks ruled ({@code pass}, {@code fail}, {@code deny}), for logs and caches. */
    public static final String OUTCOME_HEADER = "x-gatehouse-hooks";
    /** How much of an answer is held for after-request hooks (4 MiB); a longer one fails deny checks. */
    public static final int DEFAULT_MAX_HELD_BYTES = 4 * 1024 * 1024;

    private final Guardrails guardrails;
    private final int maxHeldBytes;

    /** @param maxHeldBytes how much of an answer is held for after-request hooks; a longer one cannot be checked */
    public CheckGuardrails(Guardrails guardrails, int maxHeldBytes) {
        this.guardrails = guardrails;
        this.maxHeldBytes = maxHeldBytes;
    }

    /** Sends one attempt's request (the client's, or as the before-request mutators left it). */
    @FunctionalInterface
    interface Send {
        RequestPipeline.Attempted send(JsonBody body);
    }

    /** One request's guard: remembers the before-request verdicts, the same for every attempt with the same hooks. */
    final class Guard {
        private final RequestContext ctx;
        private final String requestType;
        private final JsonBody json;
        private final Map<List<HookConfig>, Before> before = new HashMap<>();
        private CheckInput request;

        Guard(RequestContext ctx, String requestType, JsonBody json) {
            this.ctx = ctx;
            this.requestType = requestType;
            this.json = json;
        }

        private record Before(HookRun run, JsonBody body) {
        }

        RequestPipeline.Attempted attempt(ResolvedTarget target, Send send) {
            Hooks hooks = hooksFor(ctx, target);
            if (hooks.isEmpty() || json == null) {
                return send.send(json);
            }
            Before checked = hooks.before().isEmpty() ? new Before(null, json)
                    : before.computeIfAbsent(hooks.before(), this::runBefore);
            Verdicts verdicts = new Verdicts(checked.run(), null);
            if (verdicts.denied()) {
                return RequestPipeline.Attempted.withheld(verdicts);
            }
            RequestPipeline.Attempted sent = send.send(checked.body());
            boolean answerChecked = !hooks.after().isEmpty() && !requestType.equals("embed");
            if (!answerChecked || sent.response().status() / 100 != 2) {
                return sent.withVerdicts(verdicts);
            }
            return checkAnswer(sent, hooks.after(), verdicts);
        }

        private CheckInput request() {
            if (request == null) {
                request = CheckInput.request(requestType, json.toJsonObject(), json.model(), ctx.metadata(),
                        name -> ctx.headers().first(name));
            }
            return request;
        }

        private Before runBefore(List<HookConfig> hooks) {
            HookRun run = guardrails.run(hooks, request());
            JsonBody body = run.transformed() == null ? json
                    : JsonBody.parse(run.transformed().toString().getBytes(StandardCharsets.UTF_8));
            return new Before(run, body);
        }

        /** Reads the answer (bounded), runs the after-request hooks on it, and withholds or replays it. */
        private RequestPipeline.Attempted checkAnswer(RequestPipeline.Attempted sent, List<HookConfig> hooks, Verdicts verdicts) {
            UpstreamResponse response = sent.response();
            boolean stream = response.isEventStream();
            StreamText streamText = new StreamText();
            byte[] held;
            try {
                held = stream ? holdStream(response.body(), streamText) : response.body().readNBytes(maxHeldBytes + 1);
            } catch (IOException broken) {
                // No answer to judge: the attempt fails as the read did (retried, fallen back, else a 502).
                return sent.withResponse(response.withBody(failing(broken)), verdicts);
            }
            HookRun after;
            if (held.length > maxHeldBytes) {
                response.abort();
                after = guardrails.unchecked(hooks, Event.AFTER_REQUEST,
                        "The answer is longer than the " + maxHeldBytes + " bytes held for output checks");
            } else {
                after = guardrails.run(hooks, request().answer(stream ? streamText.asAnswer() : answerJson(held)));
            }
            Verdicts checked = verdicts.withAfter(after);
            if (checked.denied()) {
                response.close();
                return RequestPipeline.Attempted.withheld(checked);
            }
            byte[] body = !stream && after.transformed() != null
                    ? after.transformed().toString().getBytes(StandardCharsets.UTF_8) : held;
            return sent.withResponse(response.withBody(new ByteArrayInputStream(body)), checked);
        }

        /** The stream whole, its text gathered on the way; stops one event past the bound. */
        private byte[] holdStream(InputStream in, StreamText text) throws IOException {
            ByteArrayOutputStream held = new ByteArrayOutputStream();
            SseFramer framer = new SseFramer();
            SseFramer.EventSink sink = text::event;
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) != -1) {
                    held.write(buffer, 0, n);
                    framer.feed(buffer, 0, n, sink);
                    if (held.size() > maxHeldBytes) {
                        return held.toByteArray();
                    }
                }
                framer.finish(sink);
            }
            return held.toByteArray();
        }
    }

    /** The request's guard, or null when no hook can apply to it (so routing runs exactly as without guardrails). */
    Guard guard(RequestContext ctx, String path, JsonBody json) {
        return new Guard(ctx, requestType(path), json);
    }

    /** The hooks of an attempt at {@code target}: the caller's key's, the config's, the catalog entry's. */
    static Hooks hooksFor(RequestContext ctx, ResolvedTarget target) {
        Hooks hooks = ctx.caller().key() == null ? Hooks.NONE : ctx.caller().key().guardrails();
        hooks = hooks.plus(target.hooks());
        CatalogEntry entry = target.entry();
        return entry == null ? hooks : hooks.plus(entry.guardrails());
    }

    /** Portkey's name for the route, which checks such as {@code allowedRequestTypes} see. */
    static String requestType(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith("/chat/completions")) {
            return "chatComplete";
        }
        if (p.endsWith("/completions")) {
            return "complete";
        }
        if (p.endsWith("/embeddings")) {
            return "embed";
        }
        if (p.endsWith("/messages")) {
            return "messages";
        }
        if (p.endsWith("/responses")) {
            return "createModelResponse";
        }
        return "proxy";
    }

    private static JsonObject answerJson(byte[] held) {
        JsonObject json = Json.parseObjectOrNull(new String(held, StandardCharsets.UTF_8));
        return json != null ? json : Json.object().add("output_text", new String(held, StandardCharsets.UTF_8)).build();
    }

    private static InputStream failing(IOException cause) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw cause;
            }
        };
    }

    /** A withheld request or answer as the client sees it: 446 in the route's error shape, with the routing headers. */
    static GatewayResponse withheld(Router.Routed<?> routed, Verdicts verdicts, String traceId, Function<HooksFailed, byte[]> shape) {
        HooksFailed failed = new HooksFailed(verdicts);
        GatewayResponse error = RequestPipeline.refuse(failed, traceId, shape.apply(failed));
        List<Header> headers = new ArrayList<>(error.headers());
        headers.removeIf(h -> h.name().equalsIgnoreCase(io.gatehouse.http.GatewayHeaders.GATEWAY_EXCEPTION));
        headers.addAll(RoutingHeaders.of(routed));
        headers.add(new Header(OUTCOME_HEADER, verdicts.outcome()));
        return new GatewayResponse(error.status(), headers, error.body());
    }

    /**
     * A successful answer with the hooks' verdicts: 246 when one failed, and {@code hook_results} added — as a
     * member of a JSON answer, or as a last event before a stream's end. Other answers pass unchanged.
     */
    static GatewayResponse report(GatewayResponse answer, Verdicts verdicts) {
        if (answer.status() / 100 != 2) {
            return answer;
        }
        List<Header> headers = new ArrayList<>(answer.headers().size() + 1);
        for (Header h : answer.headers()) {
            if (!h.name().equalsIgnoreCase("content-length")) {
                headers.add(h);
            }
        }
        headers.add(new Header(OUTCOME_HEADER, verdicts.outcome()));
        int status = verdicts.failed() ? Verdicts.HOOKS_FAILED_STATUS : answer.status();
        String type = answer.header("content-type");
        String results = verdicts.hookResults().toString();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
            return new GatewayResponse(status, headers, out -> {
                HookResultsEvent events = new HookResultsEvent(out, results);
                answer.body().writeTo(events);
                events.finish();
            });
        }
        return new GatewayResponse(status, headers, out -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            answer.body().writeTo(body);
            out.write(withMember(body.toByteArray(), "hook_results", results));
            out.flush();
        });
    }

    /** A JSON object's bytes with one more top-level member; anything but an object is left as it is. */
    static byte[] withMember(byte[] json, String name, String value) {
        int end = json.length - 1;
        while (end >= 0 && Character.isWhitespace(json[end])) {
            end--;
        }
        int start = 0;
        while (start < json.length && Character.isWhitespace(json[start])) {
            start++;
        }
        if (end <= start || json[start] != '{' || json[end] != '}') {
            return json;
        }
        int last = end - 1;
        while (last > start && Character.isWhitespace(json[last])) {
            last--;
        }
        boolean empty = last == start;
        byte[] member = ((empty ? "" : ",") + "\"" + name + "\":" + value).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + member.length);
        out.write(json, 0, end);
        out.write(member, 0, member.length);
        out.write(json, end, json.length - end);
        return out.toByteArray();
    }
}
