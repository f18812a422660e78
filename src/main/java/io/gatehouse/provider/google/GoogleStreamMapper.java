package io.gatehouse.provider.google;

import io.gatehouse.model.ChatStreamSink;
import io.gatehouse.model.FinishReason;
import io.gatehouse.model.Json;
import io.gatehouse.model.ToolCall;
import io.gatehouse.provider.NativeEvents;
import io.gatehouse.provider.StreamTranslator;
import io.gatehouse.upstream.SseEvent;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;

/**
 * Gemini's {@code alt=sse} stream: every event is a whole {@code GenerateContentResponse} carrying the
 * next text, whole function calls (never split), the running usage, and on the last one a finish reason.
 * There is no end marker: the stream is complete when the body ends after a finish reason (or a blocked
 * prompt). An {@code {"error":…}} event is reported as the provider's error.
 */
final class GoogleStreamMapper implements StreamTranslator {
    private final GoogleErrorMapper errors;
    private GoogleChatMapper.CallIds ids;
    private boolean finished;

    GoogleStreamMapper(GoogleErrorMapper errors) {
        this.errors = errors;
    }

    @Override
    public void onEvent(SseEvent event, ChatStreamSink out) throws IOException {
        JsonObject data = NativeEvents.read(event, out);
        if (data == null) {
            return;
        }
        if (Json.object(data, "error") != null) {
            out.fail(errors.error(500, data));
            return;
        }
        if (ids == null) {
            ids = new GoogleChatMapper.CallIds(Json.string(data, "responseId"));
            out.start(Json.string(data, "responseId"), Json.string(data, "modelVersion"));
        }
        JsonObject usage = Json.object(data, "usageMetadata");
        if (usage != null) {
            out.usage(GoogleChatMapper.usage(usage));
        }
        JsonArray candidates = Json.array(data, "candidates");
        for (int i = 0; i < candidates.size(); i++) {
            if (candidates.get(i).getValueType() == JsonValue.ValueType.OBJECT) {
                candidate(candidates.getJsonObject(i), i, out);
            }
        }
        if (candidates.isEmpty() && Json.object(data, "promptFeedback") != null
                && Json.string(Json.object(data, "promptFeedback"), "blockReason") != null) {
            out.finish(0, FinishReason.CONTENT_FILTER);
            finished = true;
        }
    }

    private void candidate(JsonObject candidate, int position, ChatStreamSink out) throws IOException {
        int choice = Json.integer(candidate, "index", position);
        for (JsonValue v : Json.array(Json.object(candidate, "content"), "parts")) {
            if (v.getValueType() != JsonValue.ValueType.OBJECT || Json.isTrue(v.asJsonObject(), "thought")) {
                continue;
            }
            JsonObject part = v.asJsonObject();
            out.text(choice, Json.string(part, "text"));
            JsonObject functionCall = Json.object(part, "functionCall");
            if (functionCall != null) {
                int toolIndex = ids.count(choice);
                ToolCall call = GoogleChatMapper.toolCall(functionCall, ids.next(choice));
                out.toolCallStart(choice, toolIndex, call.id(), call.name());
                out.toolCallArguments(choice, toolIndex, call.arguments());
            }
        }
        String reason = Json.string(candidate, "finishReason");
        if (reason != null) {
            out.finish(choice, GoogleChatMapper.finishReason(reason, ids.count(choice) > 0));
            finished = true;
        }
    }

    @Override
    public void onEnd(ChatStreamSink out) throws IOException {
        if (finished) {
            out.done();
        }
    }
}
