package io.gatehouse.provider.bedrock;

import io.gatehouse.model.ChatStreamSink;
import io.gatehouse.model.Json;
import io.gatehouse.provider.NativeEvents;
import io.gatehouse.provider.StreamTranslator;
import io.gatehouse.upstream.SseEvent;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * ConverseStream's events, their binary frames already decoded into events named by their
 * {@code :event-type} ({@link io.gatehouse.upstream.AwsEventStreamAsSse}): {@code messageStart} → start;
 * {@code contentBlockStart} with a {@code toolUse} → a tool call (numbered in the order calls start);
 * {@code contentBlockDelta} → text or tool-call argument fragments (reasoning is left out);
 * {@code messageStop} → finish reason; {@code metadata} → usage, then done. An exception frame
 * ({@code error}) ends the stream with the provider's error.
 */
final class BedrockStreamMapper implements StreamTranslator {
    private final BedrockErrorMapper errors;
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private boolean stopped;
    private boolean done;

    BedrockStreamMapper(BedrockErrorMapper errors) {
        this.errors = errors;
    }

    @Override
    public void onEvent(SseEvent event, ChatStreamSink out) throws IOException {
        JsonObject data = NativeEvents.read(event, out);
        if (data == null) {
            return;
        }
        int block = Json.integer(data, "contentBlockIndex", 0);
        switch (event.event() == null ? "" : event.event()) {
            case "messageStart" -> out.start(null, null);
            case "contentBlockStart" -> {
                JsonObject toolUse = Json.object(Json.object(data, "start"), "toolUse");
                if (toolUse != null) {
                    int toolIndex = toolIndexByBlock.size();
                    toolIndexByBlock.put(block, toolIndex);
                    out.toolCallStart(0, toolIndex, Json.string(toolUse, "toolUseId"), Json.string(toolUse, "name"));
                }
            }
            case "contentBlockDelta" -> {
                JsonObject delta = Json.object(data, "delta");
                if (Json.string(delta, "text") != null) {
                    out.text(0, Json.string(delta, "text"));
                } else if (Json.object(delta, "toolUse") != null && toolIndexByBlock.containsKey(block)) {
                    out.toolCallArguments(0, toolIndexByBlock.get(block), Json.string(Json.object(delta, "toolUse"), "input"));
                }
            }
            case "messageStop" -> {
                stopped = true;
                out.finish(0, BedrockChatMapper.finishReason(Json.string(data, "stopReason")));
            }
            case "metadata" -> {
                out.usage(BedrockChatMapper.usage(Json.object(data, "usage")));
                if (stopped) {
                    done = true;
                    out.done();
                }
            }
            case "error" -> out.fail(errors.streamError(data));
            default -> { } // contentBlockStop, and events added later
        }
    }

    @Override
    public void onEnd(ChatStreamSink out) throws IOException {
        if (stopped && !done) {
            out.done(); // a stream without its metadata event is still complete once the message stopped
        }
    }
}
