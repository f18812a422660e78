package io.gatehouse.pipeline;

import io.gatehouse.error.ErrorBody;
import io.gatehouse.model.Json;
import io.gatehouse.upstream.SseEvent;
import io.gatehouse.upstream.SseFramer;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Function;

/**
 * How an event stream relayed unchanged ends in one API: which event says it is over, and what the
 * client gets instead when the upstream breaks off before it. OpenAI Chat Completions end with
 * {@code data: [DONE]}; Anthropic Messages and OpenAI Responses with a final event type.
 */
public interface StreamEnd {

    /** Chat Completions: complete at {@code data: [DONE]}; broken off, an OpenAI error chunk. */
    StreamEnd OPENAI_CHAT = new StreamEnd() {
        @Override
        public boolean isFinal(byte[] event, int offset, int length) {
            return SseFramer.isDone(event, offset, length);
        }

        @Override
        public byte[] interrupted(String message) {
            return ("data: " + ErrorBody.json(message, "upstream_error", "stream_interrupted") + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
    };

    /** Whether this raw event (as the framer cut it) ends the stream: nothing the gateway must add after it. */
    boolean isFinal(byte[] event, int offset, int length);

    /** The event(s) that end a stream the upstream broke off, saying why. */
    byte[] interrupted(String message);

    /**
     * An API whose streams end with one of {@code finalTypes}, named by the event's {@code event:} line or
     * its JSON {@code type}; {@code interrupted} writes the API's own error event.
     */
    static StreamEnd byEventType(Set<String> finalTypes, Function<String, String> interrupted) {
        return new StreamEnd() {
            @Override
            public boolean isFinal(byte[] event, int offset, int length) {
                SseEvent parsed = SseEvent.parse(event, offset, length);
                String type = parsed.event();
                if (type == null) {
                    JsonObject data = Json.parseObjectOrNull(parsed.data());
                    type = Json.string(data, "type");
                }
                return type != null && finalTypes.contains(type);
            }

            @Override
            public byte[] interrupted(String message) {
                return interrupted.apply(message).getBytes(StandardCharsets.UTF_8);
            }
        };
    }
}
