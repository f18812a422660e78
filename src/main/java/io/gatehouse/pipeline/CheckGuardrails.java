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
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

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

    /**
     * What the guard needs of one pipeline's attempts: send the request (the client's, or as the
     * before-request mutators rewrote it), stand for a withheld one, and carry the verdicts and the held answer.
     */
    interface Attempts<A extends Router.Sent> {
        /** @param rewritten the request as the mutators left it, or null to send the client's own */
        A send(JsonObject rewritten);

        /** A request or answer a deny hook withheld: to routing, a 446 answer (a fallback moves on). */
        A withheld(Verdicts verdicts);

        /** {@code sent}, answering {@code response} (the same, or its held body) with {@code verdicts}. */
        A checked(A sent, UpstreamResponse response, Verdicts verdicts);
    }

    /** One request's guard: remembers the before-request verdicts, the same for every attempt with the same hooks. */
    final class Guard {
        private final RequestContext ctx;
        private final String requestType;
        private final Supplier<JsonObject> json;
        private final Supplier<String> model;
        private final Map<List<HookConfig>, HookRun> before = new HashMap<>();
        private CheckInput request;

        /**
         * @param json  the request's JSON (read when a hook first needs it), or null when hooks cannot apply
         *              (no body, or one that is not JSON): the request is then sent as without hooks
         * @param model the model asked for, or null
         */
        Guard(RequestContext ctx, String requestType, Supplier<JsonObject> json, Supplier<String> model) {
            this.ctx = ctx;
            this.requestType = requestType;
            this.json = json;
            this.model = model;
        }

        <A extends Router.Sent> A attempt(ResolvedTarget target, Attempts<A> attempts) {
            Hooks hooks = json == null ? Hooks.NONE : hooksFor(ctx, target);
            if (hooks.isEmpty()) {
                return attempts.send(null);
            }
            HookRun checked = hooks.before().isEmpty() ? null
                    : before.computeIfAbsent(hooks.before(), h -> guardrails.run(h, request()));
            Verdicts verdicts = new Verdicts(checked, null);
            if (verdicts.denied()) {
                return attempts.withheld(verdicts);
            }
            A sent = attempts.send(checked == null ? null : checked.transformed());
            UpstreamResponse response = sent.response();
            boolean answerChecked = !hooks.after().isEmpty() && !requestType.equals("embed")
                    && response.status() / 100 == 2 && (response.isEventStream() || ProxyPipeline.isJson(response.header("content-type")));
            if (answerChecked && response.isEventStream() && judgedAsItGoes(hooks.after())) {
                return attempts.checked(sent, response, verdicts.judgingStream(new Verdicts.StreamChecks(hooks.after(), request())));
            }
            return answerChecked ? checkAnswer(sent, attempts, hooks.after(), verdicts) : attempts.checked(sent, response, verdicts);
        }

        private CheckInput request() {
            if (request == null) {
                request = CheckInput.request(requestType, json.get(), model.get(), ctx.metadata(), name -> ctx.headers().first(name));
            }
            return request;
        }

        /** Reads the answer (bounded), runs the after-request hooks on it, and withholds or replays it. */
        private <A extends Router.Sent> A checkAnswer(A sent, Attempts<A> attempts, List<HookConfig> hooks, Verdicts verdicts) {
            UpstreamResponse response = sent.response();
            boolean stream = response.isEventStream();
            StreamText streamText = new StreamText();
            InputStream in = response.body();
            byte[] held;
            try {
                held = stream ? holdStream(in, streamText) : in.readNBytes(maxHeldBytes + 1);
            } catch (IOException broken) {
                // No answer to judge: the attempt fails as the read did (retried, fallen back, else a 502).
                return attempts.checked(sent, response.withBody(failing(broken)), verdicts);
            }
            HookRun after;
            if (held.length > maxHeldBytes) {
                after = guardrails.unchecked(hooks, Event.AFTER_REQUEST,
                        "The answer is longer than the " + maxHeldBytes + " bytes held for output checks");
                if (!after.denied()) { // nothing withholds it: the client gets all of it, what was held first
                    return attempts.checked(sent, response.withBody(new SequenceInputStream(new ByteArrayInputStream(held), in)),
                            verdicts.withAfter(after));
                }
            } else {
                after = guardrails.run(hooks, request().answer(stream ? streamText.asAnswer() : answerJson(held)));
            }
            Verdicts checked = verdicts.withAfter(after);
            if (checked.denied()) {
                if (held.length > maxHeldBytes) {
                    response.abort(); // the rest was never read
                } else {
                    response.close();
                }
                return attempts.withheld(checked);
            }
            byte[] body = !stream && after.transformed() != null
                    ? after.transformed().toString().getBytes(StandardCharsets.UTF_8) : held;
            return attempts.checked(sent, response.withBody(new ByteArrayInputStream(body)), checked);
        }

        /** The stream whole, its text gathered on the way; stops once past the bound, the rest left unread. */
        private byte[] holdStream(InputStream in, StreamText text) throws IOException {
            ByteArrayOutputStream held = new ByteArrayOutputStream();
            SseFramer framer = new SseFramer();
            SseFramer.EventSink sink = text::event;
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) != -1) {
                held.write(buffer, 0, n);
                framer.feed(buffer, 0, n, sink);
                if (held.size() > maxHeldBytes) {
                    return held.toByteArray();
                }
            }
            framer.finish(sink);
            return held.toByteArray();
        }
    }

    /** The guard of a unified route's request ({@code json} null for a route that reads no body). */
    Guard guard(RequestContext ctx, String path, JsonBody json) {
        return new Guard(ctx, requestType(path), json == null ? null : json::toJsonObject, json == null ? () -> null : json::model);
    }

    /** The guard of a proxied request: hooks apply to JSON bodies only ({@code json} null otherwise). */
    Guard proxyGuard(RequestContext ctx, Supplier<JsonObject> json, Supplier<String> model) {
        return new Guard(ctx, "proxy", json, model);
    }

    /** Whether a stream is judged as it is relayed: some hook asks for it, and every deny hook does. */
    static boolean judgedAsItGoes(List<HookConfig> hooks) {
        return hooks.stream().anyMatch(HookConfig::incremental)
                && hooks.stream().filter(HookConfig::deny).allMatch(HookConfig::incremental);
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
    GatewayResponse report(GatewayResponse answer, Verdicts verdicts) {
        if (answer.status() / 100 != 2) {
            return answer;
        }
        if (verdicts.stream() != null) {
            return judgedAsItGoes(answer, verdicts);
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

    /**
     * A stream relayed as it comes, its text judged at each event that adds some: a failing deny hook cuts it
     * with an error event in the client's format. The status is the upstream's, since headers go first.
     */
    private GatewayResponse judgedAsItGoes(GatewayResponse answer, Verdicts verdicts) {
        List<Header> headers = new ArrayList<>(answer.headers());
        headers.removeIf(h -> h.name().equalsIgnoreCase("content-length"));
        headers.add(new Header(OUTCOME_HEADER, "incremental"));
        return new GatewayResponse(answer.status(), headers, out -> {
            JudgeStream judged = new JudgeStream(out, guardrails, verdicts);
            answer.body().writeTo(judged);
            judged.finish();
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
