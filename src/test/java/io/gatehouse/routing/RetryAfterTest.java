package io.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.testing.FixtureSource;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;

/** The three Retry-After variants, seconds and HTTP-dates, against a fixed "now" (2026-11-21T10:00:00Z). */
class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    @ParameterizedTest
    @FixtureSource("routing/retry-after.json")
    void waitIsWhatTheHeadersAskFor(JsonObject c) {
        JsonObject headers = c.getJsonObject("headers");
        Optional<Duration> wait = RetryAfter.requested(
                h -> headers.get(h.toLowerCase(Locale.ROOT)) instanceof JsonString s ? s.getString() : null, NOW);
        Optional<Long> expected = c.isNull("wait_ms") ? Optional.empty() : Optional.of(c.getJsonNumber("wait_ms").longValue());
        assertEquals(expected, wait.map(Duration::toMillis));
    }
}
