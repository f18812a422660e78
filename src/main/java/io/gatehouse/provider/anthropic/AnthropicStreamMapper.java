package io.gatehouse.provider.anthropic;

import io.gatehouse.model.ChatStreamSink;
import io.gatehouse.model.Json;
import io.gatehouse.provider.NativeEvents;
import io.gatehouse.provider.StreamTranslator;
import io.gatehouse.upstream.SseEvent;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import jakarta.json.JsonObject;

/**
 * Anthropic's stream events to canonical stream calls: {@code message_start} → start (id, model, input
 * usage); text deltas → text; each {@code tool_use} block → a tool call numbered 0, 1, … in the order the
 * blocks start (Anthropic's block index counts text and thinking blocks too), its {@code input_json_delta}s
 * → argument fragments; {@code message_delta} → finish reason and output usage; {@code message_stop} →
 * done; {@code error} → fail. Thinking deltas and pings are dropped. One instance per stream.
 */
final class AnthropicStreamMapper implements StreamTranslator {
    private final AnthropicErrorMapper errors;
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private int inputTokens;
    private Integer cacheReadTokens;
    private int cacheCreationTokens;
    private int outputTokens;

    AnthropicStreamMapper(AnthropicErrorMapper errors) {
        this.errors = errors;
    }

    @Override
    public void onEvent(SseEvent event, ChatStreamSink out) throws IOException {
        JsonObject data = NativeEvents.read(event, out);
        if (data == null) {
            return;
        }
        switch (NativeEvents.type(event, data)) {
            case "message_start" -> {
                JsonObject message = Json.object(data, "message");
                updateUsage(Json.object(message, "usage"), out);
                out.start(Json.string(message, "id"), Json.string(message, "model"));
            }
            case "content_block_start" -> blockStart(data, out);
            case "content_block_delta" -> blockDelta(data, out);
            case "message_delta" -> {
                updateUsage(Json.object(data, "usage"), out);
                String stopReason = Json.string(Json.object(data, "delta"), "stop_reason");
                if (stopReason != null) {
                    out.finish(0, AnthropicChatMapper.finishReason(stopReason));
                }
            }
            case "message_stop" -> out.done();
            case "error" -> out.fail(errors.error(500, data));
            default -> { } // ping, content_block_stop, and event types added later
        }
    }

    @Override
    public void onEnd(ChatStreamSink out) {
        // Complete streams end with message_stop, already reported as done.
    }

    private void blockStart(JsonObject data, ChatStreamSink out) throws IOException {
        JsonObject block = Json.object(data, "content_block");
        String type = Json.string(block, "type");
        if ("tool_use".equals(type)) {
            int toolIndex = toolIndexByBlock.size();
            toolIndexByBlock.put(Json.integer(data, "index", -1), toolIndex);
            out.toolCallStart(0, toolIndex, Json.string(block, "id"), Json.string(block, "name"));
        } else if ("text".equals(type)) {
            out.text(0, Json.string(block, "text"));
        }
    }

    private void blockDelta(JsonObject data, ChatStreamSink out) throws IOException {
        JsonObject delta = Json.object(data, "delta");
        String type = Json.string(delta, "type");
        if ("text_delta".equals(type)) {
            out.text(0, Json.string(delta, "text"));
        } else if ("input_json_delta".equals(type)) {
            Integer toolIndex = toolIndexByBlock.get(Json.integer(data, "index", -1));
            if (toolIndex != null) {
                out.toolCallArguments(0, toolIndex, Json.string(delta, "partial_json"));
            }
        }
        // thinking_delta, signature_delta, citations_delta: not part of an OpenAI answer
    }

    /** message_start carries input (and cache) tokens; message_delta the cumulative output tokens. */
    private void updateUsage(JsonObject usage, ChatStreamSink out) {
        if (usage == null) {
            return;
        }
        inputTokens = Json.integer(usage, "input_tokens", inputTokens);
        Integer cacheRead = Json.integer(usage, "cache_read_input_tokens");
        if (cacheRead != null) {
            cacheReadTokens = cacheRead;
        }
        cacheCreationTokens = Json.integer(usage, "cache_creation_input_tokens", cacheCreationTokens);
        outputTokens = Json.integer(usage, "output_tokens", outputTokens);
        out.usage(AnthropicChatMapper.usage(inputTokens, cacheReadTokens, cacheCreationTokens, outputTokens));
    }
}
