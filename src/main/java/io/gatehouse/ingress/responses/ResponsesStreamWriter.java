package io.gatehouse.ingress.responses;

import io.gatehouse.config.MemoryLimits;
import io.gatehouse.model.ClientStream;
import io.gatehouse.model.FinishReason;
import io.gatehouse.model.Json;
import io.gatehouse.model.ProviderError;
import io.gatehouse.model.Usage;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a translated stream as the Responses API streams, the sequence the OpenAI SDKs' stream helpers
 * assemble: {@code response.created}, {@code response.in_progress}; for the text a message item
 * ({@code response.output_item.added}, {@code response.content_part.added}, {@code response.output_text.delta}…,
 * {@code response.output_text.done}, {@code response.content_part.done}, {@code response.output_item.done});
 * per tool call a {@code function_call} item ({@code response.output_item.added},
 * {@code response.function_call_arguments.delta}…, {@code .done}, {@code response.output_item.done}); then
 * {@code response.completed} ({@code response.incomplete} when the token limit stopped it) with the whole
 * response, which is stored as the stream ends. Every event has its {@code sequence_number}, from 0. An
 * error — the provider's, or the gateway's when the upstream broke off — ends the stream with
 * {@code response.failed}. Only the first choice is written.
 */
final class ResponsesStreamWriter implements ClientStream {
    /** Keeps a finished response; says whether it was kept. */
    @FunctionalInterface
    interface Keeper {
        boolean keep(JsonObject response);
    }

    private final OutputStream out;
    private final String provider;
    private final ResponsesRequest request;
    private final Keeper keeper;
    /** The final event repeats the whole text, so it is collected; past this many characters the stream fails. */
    private final int maxCollectedChars;
    private long collectedChars;
    private final String id = ResponsesIds.response();
    private final long createdAt;
    /** Output items in order; the open one (if any) is the last. */
    private final List<Item> items = new ArrayList<>();
    private final Map<Integer, Item> toolItems = new HashMap<>();
    private String model;
    private int sequence;
    private boolean started;
    private boolean finished;
    private boolean failed;
    private FinishReason finishReason;
    private Usage usage;

    ResponsesStreamWriter(OutputStream out, String provider, ResponsesRequest request, long createdAt, Keeper keeper) {
        this(out, provider, request, createdAt, keeper, MemoryLimits.OF_THIS_HEAP.answerBytes());
    }

    ResponsesStreamWriter(OutputStream out, String provider, ResponsesRequest request, long createdAt, Keeper keeper,
                          int maxCollectedChars) {
        this.maxCollectedChars = maxCollectedChars;
        this.out = out;
        this.provider = provider;
        this.request = request;
        this.createdAt = createdAt;
        this.keeper = keeper;
        this.model = request.chat().model();
    }

    /** One output item being written: a message (its text) or a function call (its arguments). */
    private static final class Item {
        final String id;
        final int outputIndex;
        final boolean message;
        final String callId;
        final String name;
        final StringBuilder text = new StringBuilder();
        boolean open = true;

        Item(String id, int outputIndex, boolean message, String callId, String name) {
            this.id = id;
            this.outputIndex = outputIndex;
            this.message = message;
            this.callId = callId;
            this.name = name;
        }

        JsonObject json(String status) {
            return message ? ResponsesAnswers.messageItem(id, status.equals("in_progress") ? null : text.toString(), status)
                    : ResponsesAnswers.functionCallItem(id, callId, name, status.equals("in_progress") ? "" : text.toString(), status);
        }
    }

    @Override
    public void start(String providerId, String providerModel) {
        if (!started && providerModel != null && !providerModel.isEmpty()) {
            model = providerModel;
        }
    }

    @Override
    public void text(int choice, String fragment) throws IOException {
        if (choice != 0 || finished || fragment == null || fragment.isEmpty()) {
            return;
        }
        if (!collect(fragment)) {
            return;
        }
        Item item = openItem();
        if (item == null || !item.message) {
            closeOpenItem();
            item = new Item(ResponsesIds.message(), items.size(), true, null, null);
            items.add(item);
            write("response.output_item.added", Json.object().add("output_index", item.outputIndex).add("item", item.json("in_progress")));
            write("response.content_part.added", part(item).add("part", ResponsesAnswers.outputText("")));
        }
        item.text.append(fragment);
        write("response.output_text.delta", part(item).add("delta", fragment).add("logprobs", Json.array()));
    }

    @Override
    public void toolCallStart(int choice, int toolIndex, String callId, String name) throws IOException {
        if (choice != 0 || finished) {
            return;
        }
        ensureStarted();
        closeOpenItem();
        Item item = new Item(ResponsesIds.functionCall(), items.size(), false,
                callId != null ? callId : ResponsesIds.call(), name);
        items.add(item);
        toolItems.put(toolIndex, item);
        write("response.output_item.added", Json.object().add("output_index", item.outputIndex).add("item", item.json("in_progress")));
    }

    @Override
    public void toolCallArguments(int choice, int toolIndex, String fragment) throws IOException {
        if (choice != 0 || finished || fragment == null || fragment.isEmpty()) {
            return;
        }
        if (!toolItems.containsKey(toolIndex)) {
            toolCallStart(choice, toolIndex, null, null);
        }
        if (!collect(fragment)) {
            return;
        }
        Item item = toolItems.get(toolIndex);
        item.text.append(fragment);
        write("response.function_call_arguments.delta", Json.object().add("item_id", item.id)
                .add("output_index", item.outputIndex).add("delta", fragment));
    }

    /** Counts a fragment against {@link #maxCollectedChars}; past it the stream ends with {@code response.failed}. */
    private boolean collect(String fragment) throws IOException {
        ensureStarted();
        collectedChars += fragment.length();
        if (collectedChars > maxCollectedChars) {
            fail("upstream_answer_too_large", "The answer is longer than this gateway collects for a Responses stream ("
                    + maxCollectedChars + " characters, sized to its heap)");
            return false;
        }
        return true;
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
    public void done() throws IOException {
        if (finished) {
            return;
        }
        ensureStarted();
        closeOpenItem();
        finished = true;
        String status = ResponsesAnswers.status(finishReason);
        JsonObject response = response(status, request.store(), null);
        if (request.store() && !keeper.keep(response)) {
            response = response(status, false, null);
        }
        write(status.equals("completed") ? "response.completed" : "response.incomplete", Json.object().add("response", response));
    }

    @Override
    public void fail(ProviderError error) throws IOException {
        String code = error.code() != null ? error.code() : error.type() != null ? error.type() : "server_error";
        fail(code, provider + " error: " + error.message());
    }

    @Override
    public void interrupt(String message) throws IOException {
        fail("stream_interrupted", message);
    }

    private void fail(String code, String message) throws IOException {
        if (finished) {
            return;
        }
        ensureStarted();
        finished = true;
        failed = true;
        JsonObject error = Json.object().add("code", code).add("message", message).build();
        write("response.failed", Json.object().add("response", response("failed", false, error)));
    }

    @Override
    public boolean failed() {
        return failed;
    }

    @Override
    public Usage reportedUsage() {
        return usage;
    }

    private void ensureStarted() throws IOException {
        if (started) {
            return;
        }
        started = true;
        JsonObject skeleton = response("in_progress", request.store(), null);
        write("response.created", Json.object().add("response", skeleton));
        write("response.in_progress", Json.object().add("response", skeleton));
    }

    private Item openItem() {
        Item last = items.isEmpty() ? null : items.get(items.size() - 1);
        return last != null && last.open ? last : null;
    }

    private void closeOpenItem() throws IOException {
        Item item = openItem();
        if (item == null) {
            return;
        }
        item.open = false;
        if (item.message) {
            String text = item.text.toString();
            write("response.output_text.done", part(item).add("text", text).add("logprobs", Json.array()));
            write("response.content_part.done", part(item).add("part", ResponsesAnswers.outputText(text)));
        } else {
            write("response.function_call_arguments.done", Json.object().add("item_id", item.id).add("output_index", item.outputIndex)
                    .add("name", item.name == null ? "" : item.name).add("arguments", item.text.toString()));
        }
        write("response.output_item.done", Json.object().add("output_index", item.outputIndex).add("item", item.json("completed")));
    }

    private static JsonObjectBuilder part(Item item) {
        return Json.object().add("item_id", item.id).add("output_index", item.outputIndex).add("content_index", 0);
    }

    /** The response as it stands: every closed item, in order. */
    private JsonObject response(String status, boolean stored, JsonObject error) {
        JsonArrayBuilder output = Json.array();
        if (!status.equals("in_progress")) {
            items.stream().filter(i -> !i.open).forEach(i -> output.add(i.json("completed")));
        }
        return ResponsesAnswers.response(new ResponsesAnswers.Snapshot(id, createdAt, model, status, finishReason, output.build(),
                status.equals("in_progress") ? null : usage, stored, error), request);
    }

    private void write(String type, JsonObjectBuilder event) throws IOException {
        JsonObject data = Json.object().add("type", type).add("sequence_number", sequence++).addAll(event).build();
        out.write(("event: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
