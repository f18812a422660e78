package io.gatehouse.routing;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gatehouse.config.ConfigParser;
import io.gatehouse.config.SavedConfigs;
import io.gatehouse.error.GatewayException;
import io.gatehouse.testing.FixtureSource;
import io.gatehouse.testing.Fixtures;
import io.gatehouse.testing.TestConfigParser;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/** What an {@code x-portkey-config} header value becomes: no config, inline JSON, a saved id — or a 400. */
class RoutePlansTest {
    private static final String FALLBACK = "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[{\"provider\":\"openai\"},{\"provider\":\"groq\"}]}";

    private final ConfigParser parser = TestConfigParser.create();
    private RoutePlans plans;

    @TempDir
    Path saved;

    @BeforeEach
    void saveOneConfig() throws IOException {
        Files.writeString(saved.resolve("pc-team-1.json"), FALLBACK);
        plans = new RoutePlans(parser, SavedConfigs.load(saved, parser));
    }

    @ParameterizedTest
    @FixtureSource("routing/config-header.json")
    void headerValueBecomesAPlanOrA400(JsonObject c) {
        String config = Fixtures.stringOrNull(c.get("config"));
        if (c.containsKey("error")) {
            GatewayException e = assertGatewayError(c.getJsonObject("error"), () -> plans.planFor(config));
            assertFalse(e.getMessage().contains("passwd"), "a malformed id is not echoed");
            return;
        }
        assertEquals(c.getString("plan"), plans.planFor(config).path());
    }

    @Test
    void inlineConfigsAreParsedOncePerDistinctText() {
        Route first = plans.planFor(FALLBACK);
        assertSame(first, plans.planFor(FALLBACK));
        assertNotSame(first, plans.planFor(FALLBACK + " "));
    }

    @Test
    void savedConfigsAreCompiledAtStart() {
        assertSame(plans.planFor("pc-team-1"), plans.planFor("pc-team-1"));
    }
}
