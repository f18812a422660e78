package io.gatehouse.provider.openai;

import io.gatehouse.model.ChatStreamSink;
import io.gatehouse.model.FinishReason;
import io.gatehouse.model.Json;
import io.gatehouse.provider.NativeEvents;
import io.gatehouse.provider.StreamTranslator;
import io.gatehouse.upstream.SseEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * OpenAI {@code chat.completion.chunk} events to canonical stream calls, for OpenAI-format providers
 * answering another client dialect: the first chunk's id and model → start; content → text; each tool call
 * (by its {@code index}) → a start once, then argument fragments; {@code finish_reason} → finish; a usage
 * chunk → usage; {@code [DONE]} → done; an {@code {"error":…}} chunk → fail. A stream that ends after its
 * finish reason without {@code [DONE]} (some compatible servers omit it) still counts as complete.
 * One instance per stream.
 */
final class OpenAiStreamMapper implements StreamTranslator {
    private final Set<Long> startedTools = new HashSet<>();
    private boolean started;
    private boolean finished;

    @Override
    public void onEvent(SseEvent event, ChatStreamSink out) throws IOException {
        if (event.data().strip().equals("[DONE]")) {
            out.done();
            return;
        }
        JsonObject chunk = NativeEvents.read(event, out);
        if (chunk == null) {
            return;
        }
        if (chunk.containsKey("error") && chunk.get("error").getValueType() != JsonValue.ValueType.NULL) {
            out.fail(OpenAiErrorMapper.INSTANCE.error(500, chunk));
            return;
        }
        if (!started) {
            started = true;
            out.start(Json.string(chunk, "id"), Json.string(chunk, "model"));
        }
        JsonObject usage = Json.object(chunk, "usage");
        if (usage != null) {
            out.usage(OpenAiChatMapper.usage(usage));
        }
        for (JsonValue v : Json.array(chunk, "choices")) {
            if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                choice(v.asJsonObject(), out);
            }
        }
    }

    private void choice(JsonObject choice, ChatStreamSink out) throws IOException {
        int index = Json.integer(choice, "index", 0);
        JsonObject delta = Json.object(choice, "delta");
        out.text(index, OpenAiChatMapper.text(delta == null ? null : delta.get("content")));
        JsonValue calls = delta == null ? null : delta.get("tool_calls");
        if (calls != null && calls.getValueType() == JsonValue.ValueType.ARRAY) {
            int position = 0;
            for (JsonValue c : calls.asJsonArray()) {
                if (c.getValueType() == JsonValue.ValueType.OBJECT) {
                    toolCall(index, c.asJsonObject(), position, out);
                }
                position++;
            }
        }
        String finish = Json.string(choice, "finish_reason");
        if (finish != null) {
            out.finish(index, FinishReason.fromWireName(finish));
            finished = true;
        }
    }

    private void toolCall(int choice, JsonObject call, int position, ChatStreamSink out) throws IOException {
        int toolIndex = Json.integer(call, "index", position);
        JsonObject function = Json.object(call, "function");
        if (startedTools.add(((long) choice << 32) | toolIndex)) {
            out.toolCallStart(choice, toolIndex, Json.string(call, "id"), Json.string(function, "name"));
        }
        out.toolCallArguments(choice, toolIndex, Json.string(function, "arguments"));
    }

    @Override
    public void onEnd(ChatStreamSink out) throws IOException {
        if (finished) {
            out.done(); // no-op when [DONE] already ended the stream
        }
    }
}
