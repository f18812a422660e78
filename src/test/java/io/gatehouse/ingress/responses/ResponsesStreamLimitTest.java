package io.gatehouse.ingress.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.config.ResponseStoreSettings;
import io.gatehouse.model.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A translated Responses stream collects its text for the final event; that collection is bounded. */
class ResponsesStreamLimitTest {
    private final ResponseStore store = new ResponseStore(ResponseStoreSettings.DEFAULTS);

    private List<JsonObject> streamed(int limit, StreamScript script) throws IOException {
        ResponsesChat chat = (ResponsesChat) new ResponsesDialect(store)
                .read(Json.parse("{\"model\":\"m\",\"input\":\"hi\",\"stream\":true}").asJsonObject());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResponsesStreamWriter writer = new ResponsesStreamWriter(out, "cohere", chat.request(), 7, response -> true, limit);
        script.run(writer);
        writer.done();
        store.close();
        return Arrays.stream(out.toString(StandardCharsets.UTF_8).split("\n\n"))
                .map(e -> Json.parse(e.substring(e.indexOf("data: ") + 6)).asJsonObject()).toList();
    }

    @FunctionalInterface
    private interface StreamScript {
        void run(ResponsesStreamWriter writer) throws IOException;
    }

    @Test
    void textPastTheLimitEndsTheStreamWithResponseFailed() throws IOException {
        List<JsonObject> events = streamed(8, w -> {
            w.text(0, "12345");
            w.text(0, "6789");
            w.text(0, "never relayed");
        });

        List<String> types = events.stream().map(e -> e.getString("type")).toList();
        assertEquals("response.failed", types.get(types.size() - 1), types::toString);
        assertEquals(1, types.stream().filter("response.output_text.delta"::equals).count(), "only what fit was relayed");
        JsonObject error = events.get(events.size() - 1).getJsonObject("response").getJsonObject("error");
        assertEquals("upstream_answer_too_large", error.getString("code"));
        assertTrue(error.getString("message").contains("8 characters"), error::toString);
    }

    @Test
    void toolCallArgumentsCountTowardsTheSameLimit() throws IOException {
        List<JsonObject> events = streamed(8, w -> {
            w.text(0, "1234");
            w.toolCallArguments(0, 0, "{\"a\":1}");
        });

        assertEquals("response.failed", events.get(events.size() - 1).getString("type"));
    }

    @Test
    void textWithinTheLimitCompletes() throws IOException {
        List<JsonObject> events = streamed(8, w -> w.text(0, "12345678"));

        assertEquals("response.completed", events.get(events.size() - 1).getString("type"));
    }
}
