package io.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.testing.FixtureSource;
import io.gatehouse.testing.TestConfigParser;
import io.gatehouse.config.Query;
import io.gatehouse.config.Strategy;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;

/** Every query operator, over a table of requests: parsed as a real config, matched against {@link RequestFields}. */
class ConditionsTest {
    @ParameterizedTest
    @FixtureSource("routing/conditions.json")
    void queryMatchesAsTheTableSays(JsonObject c) {
        JsonObject config = Json.createObjectBuilder()
                .add("strategy", Json.createObjectBuilder().add("mode", "conditional")
                        .add("conditions", Json.createArrayBuilder().add(Json.createObjectBuilder()
                                .add("query", c.getJsonObject("query")).add("then", "a"))))
                .add("targets", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("name", "a").add("provider", "openai")))
                .build();
        Strategy.Conditional conditional = (Strategy.Conditional) TestConfigParser.create().parse(config).strategy();
        Query query = conditional.conditions().get(0).query();

        Map<String, String> metadata = new LinkedHashMap<>();
        if (c.containsKey("metadata")) {
            c.getJsonObject("metadata").forEach((k, v) -> metadata.put(k, ((JsonString) v).getString()));
        }
        JsonObject params = c.containsKey("params") ? c.getJsonObject("params") : null;
        RequestFields fields = new RequestFields(metadata, c.getString("pathname", "/v1/chat/completions"), () -> params);

        assertEquals(c.getBoolean("matches"), query.matches(fields));
    }
}
