package io.gatehouse.pipeline;

import io.gatehouse.config.HookConfig;
import io.gatehouse.error.ErrorBody;
import io.gatehouse.guardrails.Guardrails;
import io.gatehouse.guardrails.HookRun;
import io.gatehouse.guardrails.HooksFailed;
import io.gatehouse.guardrails.StreamText;
import io.gatehouse.guardrails.Verdicts;
import io.gatehouse.model.Json;
import io.gatehouse.upstream.SseFramer;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A client's event stream judged as it is relayed ({@code incremental} after-request hooks): before an event
 * that adds text goes out, the deny hooks judge the text so far with it; before the stream's last event, every
 * hook judges the whole text and {@code hook_results} is sent. A failing deny hook cuts the stream there with an
 * error event in the client's format — OpenAI's {@code data: {"error":…}}, Anthropic's {@code event: error},
 * the Responses {@code error} event — carrying {@code hook_results}; nothing more is relayed, and the upstream
 * call is dropped (the relay sees a client that went away).
 */
final class JudgeStream extends FilterOutputStream {
    private final SseFramer framer = new SseFramer();
    private final StreamText text = new StreamText();
    private final Guardrails guardrails;
    private final Verdicts verdicts;
    private final List<HookConfig> deny;
    private boolean cut;

    JudgeStream(OutputStream out, Guardrails guardrails, Verdicts verdicts) {
        super(out);
        this.guardrails = guardrails;
        this.verdicts = verdicts;
        this.deny = verdicts.stream().hooks().stream().filter(HookConfig::deny).toList();
    }

    /** Thrown once the stream is cut: to the relay, the client went away, so it stops and drops the upstream. */
    static final class StreamCut extends IOException {
        private static final long serialVersionUID = 1L;

        StreamCut() {
            super("the stream was cut by a guardrail");
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (cut) {
            throw new StreamCut();
        }
        framer.feed(b, off, len, this::event);
    }

    private void event(byte[] b, int off, int len) throws IOException {
        if (HookResultsEvent.resultsBefore(b, off, len, "") != null) {
            HookRun all = guardrails.run(verdicts.stream().hooks(), answer());
            Verdicts decided = verdicts.withAfter(all);
            if (all.denied()) {
                cut(decided);
            }
            out.write(HookResultsEvent.resultsBefore(b, off, len, decided.hookResults().toString()).getBytes(StandardCharsets.UTF_8));
        } else if (text.event(b, off, len) && !deny.isEmpty()) {
            HookRun run = guardrails.run(deny, answer());
            if (run.denied()) {
                cut(verdicts.withAfter(run));
            }
        }
        out.write(b, off, len);
    }

    private io.gatehouse.guardrails.CheckInput answer() {
        return verdicts.stream().request().answer(text.asAnswer());
    }

    private void cut(Verdicts decided) throws IOException {
        cut = true;
        HooksFailed failed = new HooksFailed(decided);
        String results = decided.hookResults().toString();
        String event = switch (verdicts.stream().request().requestType()) {
            case "messages" -> "event: error\ndata: " + Json.object().add("type", "error").add("error", Json.object()
                    .add("type", "invalid_request_error").add("message", failed.getMessage()))
                    .add("hook_results", decided.hookResults()).build() + "\n\n";
            case "createModelResponse" -> "event: error\ndata: " + Json.object().add("type", "error")
                    .add("code", "hooks_failed").add("message", failed.getMessage()).addNull("param")
                    .add("hook_results", decided.hookResults()).build() + "\n\n";
            default -> "data: " + new String(ErrorBody.of(failed), StandardCharsets.UTF_8) + "\n\n";
        };
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
        throw new StreamCut();
    }

    /** Writes what the stream left unterminated, unless it was cut. */
    void finish() throws IOException {
        if (!cut) {
            out.write(framer.unterminated());
        }
        out.flush();
    }
}
