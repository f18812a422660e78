package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.testing.FixtureSource;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** Minimal byte edits of a JSON body: the model loses its @slug/ and nothing else changes. */
class JsonMembersTest {

    @ParameterizedTest
    @FixtureSource("pipeline/json-members.json")
    void replacesOnlyTheTopLevelModel(JsonObject c) {
        byte[] body = c.getString("body").getBytes(StandardCharsets.UTF_8);
        JsonBody.parse(body); // every case is a valid body, as the pipeline guarantees
        byte[] out = JsonMembers.replaceString(body, "model", c.getString("model"));
        assertEquals(c.getString("expect"), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void prependAddsAFirstMemberAfterLeadingWhitespace() {
        byte[] out = JsonMembers.prepend(" {\"a\":1}".getBytes(StandardCharsets.UTF_8), "\"b\":2");
        assertEquals(" {\"b\":2,\"a\":1}", new String(out, StandardCharsets.UTF_8));
    }
}
