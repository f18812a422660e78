package io.gatehouse.model.openai;

import io.gatehouse.error.ErrorBody;
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

/**
 * Writes a translated stream as OpenAI's {@code chat.completion.chunk} events, one SSE event per call,
 * flushed at once. It does what every provider's stream shares: the first chunk carries
 * {@code role: "assistant"}, every chunk the same id, created and model; when the client asked
 * {@code stream_options.include_usage} a last chunk with {@code choices: []} carries the usage; a
 * complete stream ends with {@code data: [DONE]}, a failed one with an error event and no {@code [DONE]}.
 * One instance per stream; not thread-safe.
 */
public final class OpenAiChunkWriter implements ClientStream {
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final String provider;
    private final boolean includeUsage;
    private final long created;
    private String id;
    private String model;
    private boolean started;
    private boolean finished;
    private boolean failed;
    private Usage usage;

    public OpenAiChunkWriter(OutputStream out, String provider, String requestModel, boolean includeUsage, long created) {
        this.out = out;
        this.provider = provider;
        this.model = requestModel;
        this.includeUsage = includeUsage;
        this.created = created;
    }

    @Override
    public void start(String providerId, String providerModel) throws IOException {
        if (started || finished) {
            return;
        }
        if (providerId != null && !providerId.isEmpty()) {
            id = providerId;
        }
        if (providerModel != null && !providerModel.isEmpty()) {
            model = providerModel;
        }
        ensureStarted();
    }

    @Override
    public void text(int choice, String fragment) throws IOException {
        if (finished || fragment == null || fragment.isEmpty()) {
            return;
        }
        ensureStarted();
        writeChoice(choice, Json.object().add("content", fragment), null);
    }

    @Override
    public void toolCallStart(int choice, int toolIndex, String callId, String name) throws IOException {
        if (finished) {
            return;
        }
        ensureStarted();
        JsonObjectBuilder call = Json.object().add("index", toolIndex)
                .add("id", callId != null ? callId : "call_" + io.gatehouse.http.Ids.hex(32))
                .add("type", "function")
                .add("function", Json.object().add("name", name != null ? name : "").add("arguments", ""));
        writeChoice(choice, Json.object().add("tool_calls", Json.array().add(call)), null);
    }

    @Override
    public void toolCallArguments(int choice, int toolIndex, String fragment) throws IOException {
        if (finished || fragment == null || fragment.isEmpty()) {
            return;
        }
        ensureStarted();
        JsonObjectBuilder call = Json.object().add("index", toolIndex)
                .add("function", Json.object().add("arguments", fragment));
        writeChoice(choice, Json.object().add("tool_calls", Json.array().add(call)), null);
    }

    @Override
    public void finish(int choice, FinishReason reason) throws IOException {
        if (finished) {
            return;
        }
        ensureStarted();
        writeChoice(choice, Json.object(), reason);
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
        finished = true;
        failed = true;
        writeData(OpenAiResponses.error(error, provider).toString());
    }

    @Override
    public void done() throws IOException {
        if (finished) {
            return;
        }
        ensureStarted();
        finished = true;
        if (includeUsage) {
            writeData(envelope().add("choices", Json.array())
                    .add("usage", OpenAiResponses.usage(usage != null ? usage : Usage.of(0, 0))).build().toString());
        }
        out.write(DONE);
        out.flush();
    }

    /** The gateway's own error when the upstream broke or ended early: {@code stream_interrupted}, no {@code [DONE]}. */
    @Override
    public void interrupt(String message) throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        failed = true;
        writeData(ErrorBody.json(message, "upstream_error", "stream_interrupted"));
    }

    /** Whether the stream has ended, cleanly or not: nothing more is written. */
    public boolean finished() {
        return finished;
    }

    /** Whether the stream ended with an error event. */
    @Override
    public boolean failed() {
        return failed;
    }

    /** The token counts the provider last reported, or null. */
    @Override
    public Usage reportedUsage() {
        return usage;
    }

    private void ensureStarted() throws IOException {
        if (started) {
            return;
        }
        started = true;
        if (id == null) {
            id = OpenAiResponses.newCompletionId();
        }
        writeChoice(0, Json.object().add("role", "assistant").add("content", ""), null);
    }

    private void writeChoice(int choice, JsonObjectBuilder delta, FinishReason reason) throws IOException {
        JsonObjectBuilder c = Json.object().add("index", choice).add("delta", delta).addNull("logprobs");
        if (reason == null) {
            c.addNull("finish_reason");
        } else {
            c.add("finish_reason", reason.wireName());
        }
        JsonObject chunk = envelope().add("choices", Json.array().add(c)).build();
        writeData(chunk.toString());
    }

    private JsonObjectBuilder envelope() {
        return Json.object().add("id", id).add("object", "chat.completion.chunk").add("created", created)
                .add("model", model == null ? "" : model).add("provider", provider);
    }

    private void writeData(String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
