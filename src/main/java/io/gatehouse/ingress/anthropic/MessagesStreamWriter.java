package io.gatehouse.ingress.anthropic;

import io.gatehouse.model.ClientStream;
import io.gatehouse.model.FinishReason;
import io.gatehouse.model.Json;
import io.gatehouse.model.ProviderError;
import io.gatehouse.model.Usage;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes a translated stream as the Messages API streams: {@code message_start}; per content block a
 * {@code content_block_start}, its {@code text_delta} or {@code input_json_delta} deltas and a
 * {@code content_block_stop} (a text block, then one {@code tool_use} block per tool call with its id, name
 * and argument fragments as they come); {@code message_delta} with the stop reason and usage;
 * {@code message_stop}. Each is an {@code event:}/{@code data:} pair, flushed at once. An error — the
 * provider's, or the gateway's when the upstream broke off — ends the stream with an {@code error} event
 * and no {@code message_stop}. Only the first choice is written (the Messages API has one).
 */
final class MessagesStreamWriter implements ClientStream {
    private final OutputStream out;
    private final String provider;
    /** Anthropic block index of each tool call, by the canonical tool index. */
    private final Map<Integer, Integer> toolBlocks = new HashMap<>();
    private String id;
    private String model;
    private boolean started;
    private boolean finished;
    private boolean failed;
    private int blocks;
    private int openBlock = -1;
    private boolean openBlockIsText;
    private FinishReason finishReason;
    private Usage usage;

    MessagesStreamWriter(OutputStream out, String provider, String requestModel) {
        this.out = out;
        this.provider = provider;
        this.model = requestModel;
    }

    @Override
    public void start(String providerId, String providerModel) {
        if (started || finished) {
            return;
        }
        if (providerId != null && !providerId.isEmpty()) {
            id = providerId;
        }
        if (providerModel != null && !providerModel.isEmpty()) {
            model = providerModel;
        }
    }

    @Override
    public void text(int choice, String fragment) throws IOException {
        if (choice != 0 || finished || fragment == null || fragment.isEmpty()) {
            return;
        }
        ensureStarted();
        if (openBlock < 0 || !openBlockIsText) {
            openBlock(true, Json.object().add("type", "text").add("text", ""));
        }
        delta(openBlock, Json.object().add("type", "text_delta").add("text", fragment));
    }

    @Override
    public void toolCallStart(int choice, int toolIndex, String callId, String name) throws IOException {
        if (choice != 0 || finished) {
            return;
        }
        ensureStarted();
        openBlock(false, Json.object().add("type", "tool_use").add("id", callId != null ? callId : MessagesAnswers.newId("toolu_"))
                .add("name", name != null ? name : "").add("input", JsonObject.EMPTY_JSON_OBJECT));
        toolBlocks.put(toolIndex, openBlock);
    }

    @Override
    public void toolCallArguments(int choice, int toolIndex, String fragment) throws IOException {
        if (choice != 0 || finished || fragment == null || fragment.isEmpty()) {
            return;
        }
        if (!toolBlocks.containsKey(toolIndex)) {
            toolCallStart(choice, toolIndex, null, null);
        }
        // Providers send one call's arguments before the next call starts; were they to interleave, the
        // fragment still names its own block, which is how Anthropic's SDKs assemble the input.
        delta(toolBlocks.get(toolIndex), Json.object().add("type", "input_json_delta").add("partial_json", fragment));
    }

    @Override
    public void finish(int choice, FinishReason reason) {
        if (choice == 0 && !finished) {
            finishReason = reason;
        }
    }

    @Override
    public void usage(Usage latest) {
        if (latest != null) {
            usage = latest;
        }
    }

    @Override
    public void fail(ProviderError error) throws IOException {
        if (finished) {
            return;
        }
        finish(MessagesAnswers.providerError(error, provider, 500));
    }

    @Override
    public void interrupt(String message) throws IOException {
        if (finished) {
            return;
        }
        finish(MessagesAnswers.error("api_error", message));
    }

    private void finish(JsonObject error) throws IOException {
        finished = true;
        failed = true;
        write("error", error);
    }

    @Override
    public void done() throws IOException {
        if (finished) {
            return;
        }
        ensureStarted();
        closeBlock();
        finished = true;
        write("message_delta", Json.object().add("type", "message_delta")
                .add("delta", Json.object().add("stop_reason", MessagesAnswers.stopReason(finishReason, !toolBlocks.isEmpty()))
                        .addNull("stop_sequence"))
                .add("usage", MessagesAnswers.usage(usage)).build());
        write("message_stop", Json.object().add("type", "message_stop").build());
    }

    @Override
    public boolean failed() {
        return failed;
    }

    @Override
    public Usage reportedUsage() {
        return usage;
    }

    /** The first event carries the message's skeleton, with the input tokens known so far. */
    private void ensureStarted() throws IOException {
        if (started) {
            return;
        }
        started = true;
        JsonObject startUsage = Json.PROVIDER.createObjectBuilder(MessagesAnswers.usage(usage)).add("output_tokens", 0).build();
        write("message_start", Json.object().add("type", "message_start").add("message", Json.object()
                .add("id", id != null ? id : MessagesAnswers.newId("msg_"))
                .add("type", "message").add("role", "assistant").add("model", model == null ? "" : model)
                .add("content", Json.array()).addNull("stop_reason").addNull("stop_sequence")
                .add("usage", startUsage)).build());
    }

    private void openBlock(boolean text, JsonObjectBuilder block) throws IOException {
        closeBlock();
        openBlock = blocks++;
        openBlockIsText = text;
        write("content_block_start", Json.object().add("type", "content_block_start").add("index", openBlock)
                .add("content_block", block).build());
    }

    private void closeBlock() throws IOException {
        if (openBlock >= 0) {
            write("content_block_stop", Json.object().add("type", "content_block_stop").add("index", openBlock).build());
            openBlock = -1;
        }
    }

    private void delta(int block, JsonObjectBuilder delta) throws IOException {
        write("content_block_delta", Json.object().add("type", "content_block_delta").add("index", block)
                .add("delta", delta).build());
    }

    private void write(String event, JsonObject data) throws IOException {
        out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
