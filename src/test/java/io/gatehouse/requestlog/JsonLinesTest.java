package io.gatehouse.requestlog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

    @Test
    void eachRecordIsOneJsonLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JsonLines(out).accept(List.of(Records.chat("first", 0), Records.refused("second", 1)));

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertEquals(3, lines.length, "two lines, each ended");
        assertEquals("", lines[2]);
        JsonObject first = Json.createReader(new StringReader(lines[0])).readObject();
        assertEquals("first", first.getString("trace_id"));
        assertEquals(12, first.getJsonObject("usage").getInt("input_tokens"));
        assertEquals(RecordJson.of(Records.refused("second", 1)).toString(), lines[1]);
    }

    @Test
    void aClosedOutputLosesTheLinesQuietly() {
        int[] writes = {0};
        OutputStream closed = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                writes[0]++;
                throw new IOException("Broken pipe");
            }
        };
        JsonLines lines = new JsonLines(closed);
        lines.accept(List.of(Records.chat("a", 0)));
        lines.accept(List.of(Records.chat("b", 1)));
        assertEquals(2, writes[0], "each batch tried, none thrown to the writer");
    }
}
