package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.model.ChatStreamSink;
import io.gatehouse.model.openai.OpenAiChunkWriter;
import io.gatehouse.provider.StreamTranslator;
import io.gatehouse.upstream.SseEvent;
import io.gatehouse.upstream.SseFramer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TranslateStreamLimitsTest {
    private static final StreamTranslator IGNORES_EVENTS = new StreamTranslator() {
        @Override
        public void onEvent(SseEvent event, ChatStreamSink out) {
        }

        @Override
        public void onEnd(ChatStreamSink out) {
        }
    };

    @Test
    void anEventLargerThanTheFramerHoldsEndsTheClientStreamWithAnErrorEvent() throws IOException {
        byte[] endless = ("data: " + "x".repeat(5000)).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream client = new ByteArrayOutputStream();

        TranslateStream.UpstreamEnd end = TranslateStream.pump(new ByteArrayInputStream(endless),
                new OpenAiChunkWriter(client, "anthropic", "m", false, 1), IGNORES_EVENTS, new SseFramer(1024));

        assertEquals(TranslateStream.UpstreamEnd.ABORT, end, "the upstream connection is torn down");
        String relayed = client.toString(StandardCharsets.UTF_8);
        assertTrue(relayed.contains("\"error\"") && relayed.contains("larger than this gateway holds (1024 bytes)"), relayed);
    }
}
