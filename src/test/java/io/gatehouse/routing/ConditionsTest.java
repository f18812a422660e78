package io.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.config.Fixtures;
import io.gatehouse.config.Query;
import io.gatehouse.config.Strategy;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every query operator, over a table of requests: parsed as a real config, matched against {@link RequestFields}. */
class ConditionsTest {
    static Stream<Arguments> cases() {
        return Fixtures.cases("routing/conditions.json").stream().map(c -> Arguments.of(c.getString("name"), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void queryMatchesAsTheTableSays(String name, JsonObject c) {
        JsonObject config = Fixtures.JSON.createObjectBuilder()
                .add("strategy", Fixtures.JSON.createObjectBuilder().add("mode", "conditional")
                        .add("conditions", Fixtures.JSON.createArrayBuilder().add(Fixtures.JSON.createObjectBuilder()
                                .add("query", c.getJsonObject("query")).add("then", "a"))))
                .add("targets", Fixtures.JSON.createArrayBuilder().add(Fixtures.JSON.createObjectBuilder()
                        .add("name", "a").add("provider", "openai")))
                .build();
        Strategy.Conditional conditional = (Strategy.Conditional) Fixtures.parser().parse(config).strategy();
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
