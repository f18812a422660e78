package io.gatehouse.model.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.model.FinishReason;
import io.gatehouse.model.ProviderError;
import io.gatehouse.model.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenAiChunkWriterTest {

    @Test
    void roleChunkComesFirstEvenWithoutAStartAndIdsAreGenerated() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenAiChunkWriter writer = new OpenAiChunkWriter(out, "google", "gemini", false, 1);
        writer.text(0, "hi");
        writer.done();
        String[] events = out.toString(StandardCharsets.UTF_8).split("\n\n");
        assertEquals(3, events.length);
        assertTrue(events[0].contains("\"delta\":{\"role\":\"assistant\",\"content\":\"\"}"), events[0]);
        assertTrue(events[0].matches("data: \\{\"id\":\"chatcmpl-[0-9a-f]{32}\".*"), events[0]);
        assertTrue(events[1].contains("\"content\":\"hi\""));
        assertEquals("data: [DONE]", events[2]);
    }

    @Test
    void nothingIsWrittenAfterTheStreamEnded() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenAiChunkWriter writer = new OpenAiChunkWriter(out, "anthropic", "m", true, 1);
        writer.start("msg_1", "m");
        writer.fail(new ProviderError("Overloaded", "overloaded_error", null, null));
        int length = out.size();
        writer.text(0, "late");
        writer.finish(0, FinishReason.STOP);
        writer.done();
        writer.interrupt("late");
        assertEquals(length, out.size());
        assertTrue(writer.failed());
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith(
                "data: {\"error\":{\"message\":\"anthropic error: Overloaded\",\"type\":\"overloaded_error\",\"param\":null,\"code\":null},\"provider\":\"anthropic\"}\n\n"));
    }

    @Test
    void usageChunkOnlyWhenAskedAndWithTheLastReportedCounts() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenAiChunkWriter writer = new OpenAiChunkWriter(out, "cohere", "m", true, 1);
        writer.usage(Usage.of(1, 1));
        writer.usage(Usage.of(5, 7));
        writer.done();
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,\"total_tokens\":12}"), text);

        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        OpenAiChunkWriter notAsked = new OpenAiChunkWriter(quiet, "cohere", "m", false, 1);
        notAsked.usage(Usage.of(5, 7));
        notAsked.done();
        assertTrue(!quiet.toString(StandardCharsets.UTF_8).contains("usage"));
        assertEquals(Usage.of(5, 7), notAsked.reportedUsage(), "usage is still known to the gateway");
    }

    @Test
    void everyEventIsFlushedAsItIsWritten() throws IOException {
        int[] flushes = {0};
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
            }

            @Override
            public void flush() {
                flushes[0]++;
            }
        };
        OpenAiChunkWriter writer = new OpenAiChunkWriter(counting, "anthropic", "m", false, 1);
        writer.start("id", "m");
        writer.text(0, "a");
        writer.text(0, "b");
        assertEquals(3, flushes[0]);
    }
}
