package io.gatehouse.routing;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Set;

/**
 * What one server-sent event means for failing over: real content for the client, a lifecycle or
 * keep-alive event that can wait, an error, or the end of the stream.
 *
 * <p>For OpenAI chunks, content is a choice with a non-empty delta ({@code content}, {@code tool_calls},
 * {@code refusal}, reasoning), completion {@code text}, or a {@code finish_reason} (an answer, even an empty
 * one); role-only and usage-only chunks are lifecycle. Anthropic's, OpenAI Responses' and Bedrock's
 * ({@code messageStart}) start events are lifecycle; anything else with data is content.
 */
enum SseEventKind {
    CONTENT, LIFECYCLE, ERROR, DONE;

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Set<String> LIFECYCLE_TYPES = Set.of(
            "message_start", "ping", "content_block_start",            // Anthropic Messages
            "response.created", "response.in_progress",                 // OpenAI Responses
            "response.output_item.added", "response.content_part.added",
            "messageStart");                                            // Bedrock ConverseStream, read as SSE
    private static final Set<String> DELTA_CONTENT = Set.of(
            "content", "tool_calls", "function_call", "refusal", "reasoning_content", "reasoning", "audio");

    static SseEventKind of(Event event) {
        if ("error".equals(event.name())) {
            return ERROR;
        }
        if (event.data() == null) {
            return LIFECYCLE; // comments, keep-alives, retry: fields
        }
        if (event.data().strip().equals("[DONE]")) {
            return DONE;
        }
        if (event.name() != null && LIFECYCLE_TYPES.contains(event.name())) {
            return LIFECYCLE;
        }
        JsonObject json = event.json();
        if (json == null) {
            return CONTENT;
        }
        if (json.containsKey("error") && json.get("error").getValueType() != JsonValue.ValueType.NULL) {
            return ERROR;
        }
        String type = json.get("type") instanceof JsonString s ? s.getString() : null;
        if ("error".equals(type)) {
            return ERROR;
        }
        if (type != null && LIFECYCLE_TYPES.contains(type)) {
            return LIFECYCLE;
        }
        if (json.get("choices") instanceof JsonArray choices) {
            return choices.stream().anyMatch(SseEventKind::choiceHasContent) ? CONTENT : LIFECYCLE;
        }
        return CONTENT;
    }

    private static boolean choiceHasContent(JsonValue choice) {
        if (!(choice instanceof JsonObject c)) {
            return false;
        }
        if (present(c.get("finish_reason")) || present(c.get("text")) || present(c.get("message"))) {
            return true;
        }
        if (c.get("delta") instanceof JsonObject delta) {
            return DELTA_CONTENT.stream().anyMatch(k -> present(delta.get(k)));
        }
        return false;
    }

    /** Not absent, null, an empty string, or an empty array. */
    private static boolean present(JsonValue v) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return false;
        }
        if (v instanceof JsonString s) {
            return !s.getString().isEmpty();
        }
        return !(v instanceof JsonArray a) || !a.isEmpty();
    }

    /**
     * One event's {@code event:} name and joined {@code data:} lines (null when it has none).
     */
    record Event(String name, String data) {
        static Event parse(String text) {
            String name = null;
            StringBuilder data = null;
            for (String line : text.split("\r\n|\r|\n")) {
                if (line.startsWith("event:")) {
                    name = value(line, 6);
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(value(line, 5));
                }
            }
            return new Event(name, data == null ? null : data.toString());
        }

        private static String value(String line, int from) {
            return line.startsWith(" ", from) ? line.substring(from + 1) : line.substring(from);
        }

        /** The data as a JSON object, or null when it is not one. */
        JsonObject json() {
            String d = data.strip();
            if (!d.startsWith("{")) {
                return null;
            }
            try (var reader = JSON.createReader(new StringReader(d))) {
                return reader.readObject();
            } catch (RuntimeException notJson) {
                return null;
            }
        }

        /** The upstream's own words for an error event, bounded: {@code error.message}, {@code message}, or the data. */
        String errorMessage() {
            JsonObject json = data == null ? null : json();
            String message = null;
            if (json != null && json.get("error") instanceof JsonObject e && e.get("message") instanceof JsonString m) {
                message = m.getString();
            } else if (json != null && json.get("error") instanceof JsonString m) {
                message = m.getString();
            } else if (json != null && json.get("message") instanceof JsonString m) {
                message = m.getString();
            } else if (data != null) {
                message = data.strip();
            }
            if (message == null || message.isEmpty()) {
                return "an error event";
            }
            return message.length() > 300 ? message.substring(0, 300) + "…" : message;
        }
    }
}
