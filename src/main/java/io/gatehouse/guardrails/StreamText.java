package io.gatehouse.guardrails;

import io.gatehouse.model.Json;
import io.gatehouse.upstream.SseEvent;
import jakarta.json.JsonObject;

/**
 * The text of an event stream, as its events go by: each event's delta (whatever API wrote it) appended, so
 * output checks can judge a stream as they judge a JSON answer.
 */
public final class StreamText {
    private final StringBuilder text = new StringBuilder();

    /** Adds one raw event, as {@code SseFramer} cut it; whether it added text. */
    public boolean event(byte[] buffer, int offset, int length) {
        SseEvent event = SseEvent.parse(buffer, offset, length);
        JsonObject data = Json.parseObjectOrNull(event.data());
        String delta = data == null ? "" : TextSlots.deltaText(data);
        text.append(delta);
        return !delta.isEmpty();
    }

    public String text() {
        return text.toString();
    }

    /** The stream's text as an OpenAI chat answer, so checks and webhooks see the shape they know. */
    public JsonObject asAnswer() {
        return Json.object().add("object", "chat.completion").add("choices", Json.array().add(Json.object()
                .add("index", 0).add("message", Json.object().add("role", "assistant").add("content", text.toString()))))
                .build();
    }
}
