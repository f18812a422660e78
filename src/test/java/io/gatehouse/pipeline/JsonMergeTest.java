package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.testing.Fixtures;
import jakarta.json.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonMergeTest {

    static Stream<Named<JsonObject>> merges() {
        return Fixtures.cases("pipeline/json-merge.json");
    }

    @ParameterizedTest
    @MethodSource("merges")
    void deepMerge(JsonObject c) {
        JsonObject base = c.getJsonObject("base");
        JsonObject override = c.getJsonObject("override");
        assertEquals(c.getJsonObject("expected"), JsonMerge.deepMerge(base, override));
        // Inputs are JSON-P values, immutable: merging builds a new object.
        assertEquals(c.getJsonObject("base"), base);
    }
}
