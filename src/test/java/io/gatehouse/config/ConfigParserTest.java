package io.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.error.ErrorBody;
import io.gatehouse.error.GatewayException;
import io.gatehouse.testing.FixtureSource;
import io.gatehouse.testing.Fixtures;
import io.gatehouse.testing.TestConfigParser;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** The parser over the fixture tables: what valid configs mean, and every problem invalid ones report. */
class ConfigParserTest {
    private final ConfigParser parser = TestConfigParser.create();

    @ParameterizedTest
    @FixtureSource("config/parse-cases.json")
    void validConfigMeansWhatTheFixtureSays(JsonObject c) {
        TargetConfig config = parser.parse(c.getJsonObject("config"));
        assertEquals(c.getJsonObject("means"), ConfigDescription.of(config));
    }

    @ParameterizedTest
    @FixtureSource("config/invalid-cases.json")
    void invalidConfigReportsEveryProblemWithItsPath(JsonObject c) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> parser.parse(c.getJsonObject("config")));
        List<String> expected = c.getJsonArray("errors").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        assertEquals(expected, e.problems().stream().map(ConfigProblem::toString).toList());
        assertEquals(400, e.status());
        assertEquals("invalid_config", e.code());
    }

    @Test
    void errorBodyCarriesPortkeysErrorsArrayBesideTheStandardErrorObject() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> parser.parse("{\"retry\":{\"attempts\":9},\"weight\":-2}"));
        JsonObject body = Fixtures.object(new String(ErrorBody.of(e), StandardCharsets.UTF_8));
        JsonObject error = body.getJsonObject("error");
        assertEquals("invalid_request_error", error.getString("type"));
        assertEquals("invalid_config", error.getString("code"));
        assertTrue(error.isNull("param"));
        assertEquals("Invalid config passed: path: retry.attempts, message: must be less than or equal to 5; "
                + "path: weight, message: must be greater than or equal to 0", error.getString("message"));
        assertEquals(List.of("path: retry.attempts, message: must be less than or equal to 5",
                        "path: weight, message: must be greater than or equal to 0"),
                body.getJsonArray("errors").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
    }

    @Test
    void legacyOptionsConfigIsRefusedWithPortkeysMessage() {
        GatewayException e = assertThrows(GatewayException.class,
                () -> parser.parse("{\"mode\":\"fallback\",\"options\":[{\"provider\":\"openai\"}]}"));
        assertEquals(400, e.status());
        assertEquals("This version of config is not supported in this route. Please migrate to the latest version", e.getMessage());
    }

    @Test
    void textThatIsNotOneJsonObjectIsRefused() {
        for (String text : new String[] {"{oops", "[1]", "\"openai\"", "{\"provider\":\"openai\"", "{\"provider\":\"openai\"} x", "{}{}", ""}) {
            assertEquals("invalid_config", assertThrows(GatewayException.class, () -> parser.parse(text), text).code(), text);
        }
    }

    @Test
    void invalidJsonErrorDoesNotEchoItsContent() {
        GatewayException e = assertThrows(GatewayException.class, () -> parser.parse("{\"api_key\": sk-secret-123}"));
        assertFalse(e.getMessage().contains("sk-secret-123"), e.getMessage());
    }

    @Test
    void secretsNeverShowInToString() {
        TargetConfig config = parser.parse("{\"provider\":\"openai\",\"api_key\":\"sk-secret-1\",\"aws_secret_access_key\":\"aws-secret-2\"}");
        assertFalse(config.toString().contains("sk-secret-1"), config.toString());
        assertFalse(config.toString().contains("aws-secret-2"), config.toString());
        assertTrue(config.toString().contains("aws_secret_access_key"), "names are fine, values are not");
    }

    @Test
    void camelKeysBecomeSnakeCase() {
        assertEquals("request_timeout", ConfigKeys.snake("requestTimeout"));
        assertEquals("strict_open_ai_compliance", ConfigKeys.snake("strictOpenAiCompliance"));
        assertEquals("aws_s3_bucket", ConfigKeys.snake("awsS3Bucket"));
        assertEquals("already_snake", ConfigKeys.snake("already_snake"));
    }
}
