package io.gatehouse.model;

import java.io.IOException;

/**
 * Where a provider's stream mapper reports what its native events mean, in canonical terms. The one
 * implementation writes OpenAI {@code chat.completion.chunk} events; it takes care of what every stream
 * shares (the first chunk's role, ids, the final usage chunk, {@code [DONE]}), so mappers only translate.
 * Choice indexes are OpenAI's; tool indexes count tool calls within a choice from 0.
 */
public interface ChatStreamSink {
    /** The answer's id and model, when the provider says them (before any content). */
    void start(String id, String model) throws IOException;

    void text(int choice, String fragment) throws IOException;

    /** A tool call begins: its id and function name; arguments follow. */
    void toolCallStart(int choice, int toolIndex, String id, String name) throws IOException;

    void toolCallArguments(int choice, int toolIndex, String fragment) throws IOException;

    void finish(int choice, FinishReason reason) throws IOException;

    /** The latest token counts; the last one reported is the answer's. */
    void usage(Usage usage);

    /** The provider reported an error mid-stream: the client gets it as an error event, and the stream ends. */
    void fail(ProviderError error) throws IOException;

    /** The provider's stream is complete. */
    void done() throws IOException;
}
