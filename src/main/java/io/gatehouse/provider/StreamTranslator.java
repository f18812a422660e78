package io.gatehouse.provider;

import io.gatehouse.model.ChatStreamSink;
import io.gatehouse.upstream.SseEvent;
import java.io.IOException;

/**
 * Maps one provider stream, event by event, to canonical stream calls; the sink writes OpenAI chunks and
 * keeps the usage the mapper reports. One instance per stream: it may keep state (open tool calls, ids).
 */
public interface StreamTranslator {
    /** One complete native event. */
    void onEvent(SseEvent event, ChatStreamSink out) throws IOException;

    /**
     * The upstream body ended. A mapper whose stream was complete calls {@link ChatStreamSink#done()} here
     * if it has not already; otherwise the caller reports the stream as interrupted.
     */
    void onEnd(ChatStreamSink out) throws IOException;
}
