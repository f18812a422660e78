package io.gatehouse.provider.cohere;

import io.gatehouse.model.ChatStreamSink;
import io.gatehouse.model.Json;
import io.gatehouse.provider.NativeEvents;
import io.gatehouse.provider.StreamTranslator;
import io.gatehouse.upstream.SseEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Cohere's chat v2 stream: {@code message-start} → start; {@code content-delta} → text (thinking content
 * is left out); {@code tool-call-start} → a tool call (numbered in the order calls start) with its id and
 * name; {@code tool-call-delta} → its argument fragments; {@code message-end} → finish reason, usage,
 * done. {@code tool-plan-delta}, citations and debug events are dropped.
 */
final class CohereStreamMapper implements StreamTranslator {
    private final CohereErrorMapper errors;
    private final Map<Integer, Integer> toolIndexByEventIndex = new HashMap<>();
    private final Set<Integer> thinkingContent = new HashSet<>();

    CohereStreamMapper(CohereErrorMapper errors) {
        this.errors = errors;
    }

    @Override
    public void onEvent(SseEvent event, ChatStreamSink out) throws IOException {
        JsonObject data = NativeEvents.read(event, out);
        if (data == null) {
            return;
        }
        String type = NativeEvents.type(event, data);
        int index = Json.integer(data, "index", 0);
        JsonObject message = Json.object(Json.object(data, "delta"), "message");
        switch (type) {
            case "message-start" -> out.start(Json.string(data, "id"), null);
            case "content-start" -> {
                JsonObject content = Json.object(message, "content");
                if ("thinking".equals(Json.string(content, "type"))) {
                    thinkingContent.add(index);
                } else {
                    out.text(0, Json.string(content, "text"));
                }
            }
            case "content-delta" -> {
                if (!thinkingContent.contains(index)) {
                    out.text(0, Json.string(Json.object(message, "content"), "text"));
                }
            }
            case "tool-call-start" -> {
                JsonObject call = toolCall(message);
                int toolIndex = toolIndexByEventIndex.size();
                toolIndexByEventIndex.put(index, toolIndex);
                JsonObject function = Json.object(call, "function");
                out.toolCallStart(0, toolIndex, Json.string(call, "id"), Json.string(function, "name"));
                out.toolCallArguments(0, toolIndex, Json.string(function, "arguments"));
            }
            case "tool-call-delta" -> {
                Integer toolIndex = toolIndexByEventIndex.get(index);
                if (toolIndex != null) {
                    out.toolCallArguments(0, toolIndex, Json.string(Json.object(toolCall(message), "function"), "arguments"));
                }
            }
            case "message-end" -> {
                JsonObject delta = Json.object(data, "delta");
                out.usage(CohereChatMapper.usage(Json.object(delta, "usage")));
                String reason = Json.string(delta, "finish_reason");
                if (reason != null) {
                    out.finish(0, CohereChatMapper.finishReason(reason));
                }
                out.done();
            }
            case "error" -> out.fail(errors.error(500, data));
            default -> { } // tool-plan-delta, tool-call-end, content-end, citation-*, debug
        }
    }

    /** Stream events carry one call as {@code tool_calls: {…}} (an array in some versions: its first item). */
    private static JsonObject toolCall(JsonObject message) {
        JsonValue calls = message == null ? null : message.get("tool_calls");
        if (calls != null && calls.getValueType() == JsonValue.ValueType.ARRAY && !calls.asJsonArray().isEmpty()
                && calls.asJsonArray().get(0).getValueType() == JsonValue.ValueType.OBJECT) {
            return calls.asJsonArray().getJsonObject(0);
        }
        return calls != null && calls.getValueType() == JsonValue.ValueType.OBJECT ? calls.asJsonObject() : null;
    }

    @Override
    public void onEnd(ChatStreamSink out) {
        // Complete streams end with message-end, already reported as done.
    }
}
