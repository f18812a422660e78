package io.gatehouse.model;

import java.io.IOException;

/**
 * A streamed answer being written to the client in its own dialect, one event per canonical call, each
 * flushed at once. Besides what providers report ({@link ChatStreamSink}), the gateway may end it early.
 * One instance per stream; not thread-safe.
 */
public interface ClientStream extends ChatStreamSink {
    /**
     * The gateway's own error when the upstream broke off or ended before it was complete: the stream
     * ends with the dialect's error event. Does nothing once the stream has ended.
     */
    void interrupt(String message) throws IOException;

    /** Whether the stream ended with an error, the provider's or the gateway's: nothing more is relayed. */
    boolean failed();

    /** The token counts the provider last reported, or null: the gateway meters them. */
    Usage reportedUsage();
}
