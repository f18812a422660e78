package io.gatehouse.pipeline;

import io.gatehouse.model.Json;
import io.gatehouse.upstream.SseEvent;
import io.gatehouse.upstream.SseFramer;
import jakarta.json.JsonObject;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Passes a client's event stream through, event by event, and puts the hooks' {@code hook_results} just before
 * its end, in the stream's own format: before OpenAI's {@code data: [DONE]} as a {@code data:} chunk, before
 * Anthropic's {@code message_stop} or a Responses stream's last event as an {@code event: hook_results}.
 */
final class HookResultsEvent extends FilterOutputStream {
    private static final Set<String> FINAL_TYPES = Set.of("message_stop", "response.completed", "response.failed",
            "response.incomplete");

    private final SseFramer framer = new SseFramer();
    private final String results;
    private boolean sent;

    HookResultsEvent(OutputStream out, String results) {
        super(out);
        this.results = results;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        framer.feed(b, off, len, this::event);
    }

    private void event(byte[] b, int off, int len) throws IOException {
        String results = sent ? null : resultsBefore(b, off, len, this.results);
        if (results != null) {
            send(results);
        }
        out.write(b, off, len);
    }

    /**
     * The event carrying {@code results} to send before this raw event when it is the stream's last (in the
     * stream's own format), else null.
     */
    static String resultsBefore(byte[] b, int off, int len, String results) {
        if (SseFramer.isDone(b, off, len)) {
            return "data: {\"hook_results\":" + results + "}\n\n";
        }
        String type = type(SseEvent.parse(b, off, len));
        return type != null && FINAL_TYPES.contains(type)
                ? "event: hook_results\ndata: {\"type\":\"hook_results\",\"hook_results\":" + results + "}\n\n" : null;
    }

    private static String type(SseEvent event) {
        if (event.event() != null) {
            return event.event();
        }
        JsonObject data = Json.parseObjectOrNull(event.data());
        return Json.string(data, "type");
    }

    private void send(String event) throws IOException {
        sent = true;
        out.write(event.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes what the stream left unterminated, as it was. */
    void finish() throws IOException {
        out.write(framer.unterminated());
        out.flush();
    }
}
