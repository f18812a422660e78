package io.gatehouse.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.testing.FixtureSource;
import jakarta.json.JsonObject;
import org.junit.jupiter.params.ParameterizedTest;

class JsonMergeTest {

    @ParameterizedTest
    @FixtureSource("model/json-merge.json")
    void deepMerge(JsonObject c) {
        JsonObject base = c.getJsonObject("base");
        JsonObject override = c.getJsonObject("override");
        assertEquals(c.getJsonObject("expected"), JsonMerge.deepMerge(base, override));
        // Inputs are JSON-P values, immutable: merging builds a new object.
        assertEquals(c.getJsonObject("base"), base);
    }
}
