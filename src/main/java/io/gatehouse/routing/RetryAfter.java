package io.gatehouse.routing;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The wait an upstream asks for before a retry, from the first header present of
 * {@code retry-after-ms} and {@code x-ms-retry-after-ms} (milliseconds; OpenAI and Azure) and
 * {@code retry-after} (seconds or an HTTP-date, RFC 9110 §10.2.3 — Portkey reads seconds only).
 * A value that does not parse is skipped; a date in the past means no wait.
 */
final class RetryAfter {
    private static final BigDecimal ABSURD = BigDecimal.valueOf(1_000_000_000L);
    private RetryAfter() {
    }

    /** @param header the upstream's header by name, null when absent */
    static Optional<Duration> requested(UnaryOperator<String> header, Instant now) {
        for (String name : new String[] {"retry-after-ms", "x-ms-retry-after-ms"}) {
            Optional<Duration> millis = number(header.apply(name)).map(ms -> Duration.ofNanos(ms.movePointRight(6).longValue()));
            if (millis.isPresent()) {
                return millis;
            }
        }
        String retryAfter = header.apply("retry-after");
        if (retryAfter == null) {
            return Optional.empty();
        }
        Optional<Duration> seconds = number(retryAfter).map(s -> Duration.ofNanos(s.movePointRight(9).longValue()));
        return seconds.isPresent() ? seconds : httpDate(retryAfter, now);
    }

    private static Optional<BigDecimal> number(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            BigDecimal n = new BigDecimal(value.strip());
            // An absurd value is capped far above any wait honoured, so it cannot overflow a Duration.
            return n.signum() < 0 ? Optional.empty() : Optional.of(n.min(ABSURD));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> httpDate(String value, Instant now) {
        try {
            Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
