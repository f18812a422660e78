package io.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.config.Fixtures;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The three Retry-After variants, seconds and HTTP-dates, against a fixed "now" (2026-11-21T10:00:00Z). */
class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    static Stream<Arguments> cases() {
        return Fixtures.cases("routing/retry-after.json").stream().map(c -> Arguments.of(c.getString("name"), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void waitIsWhatTheHeadersAskFor(String name, JsonObject c) {
        JsonObject headers = c.getJsonObject("headers");
        Optional<Duration> wait = RetryAfter.requested(
                h -> headers.get(h.toLowerCase(Locale.ROOT)) instanceof JsonString s ? s.getString() : null, NOW);
        Optional<Long> expected = c.isNull("wait_ms") ? Optional.empty() : Optional.of(c.getJsonNumber("wait_ms").longValue());
        assertEquals(expected, wait.map(Duration::toMillis));
    }
}
