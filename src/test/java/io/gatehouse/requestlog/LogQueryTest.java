package io.gatehouse.requestlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LogQueryTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            status   | 99             | status must be a whole number from 100 to 599
            status   | ok             | status must be a whole number from 100 to 599
            limit    | 0              | limit must be a whole number from 1 to 500
            limit    | 501            | limit must be a whole number from 1 to 500
            offset   | -1             | offset must be a whole number from 0
            from     | yesterday      | from must be an ISO-8601 instant or epoch milliseconds
            to       | 2026-12-04     | to must be an ISO-8601 instant or epoch milliseconds
            metadata | team           | metadata must be key=value
            metadata | =search        | metadata must be key=value
            """)
    void aBadParameterIsNamed(String name, String value, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogQuery.parse(Map.of(name, value)::get));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            200   | 200 | 200
            4xx   | 400 | 499
            5XX   | 500 | 599
            error | 400 | 599
            """)
    void statusIsACodeOrAClass(String status, int min, int max) {
        LogQuery q = LogQuery.parse(Map.of("status", status)::get);
        assertEquals(min, q.statusMin());
        assertEquals(max, q.statusMax());
    }

    @ParameterizedTest
    @CsvSource({"2026-12-04T12:00:00Z", "1796385600000"})
    void timesAreInstantsOrEpochMillis(String from) {
        assertEquals(Instant.parse("2026-12-04T12:00:00Z"), LogQuery.parse(Map.of("from", from)::get).from());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            team=search   | team | search
            expr=a=b      | expr | a=b
            """)
    void metadataSplitsAtTheFirstEquals(String metadata, String key, String value) {
        LogQuery q = LogQuery.parse(Map.of("metadata", metadata)::get);
        assertEquals(key, q.metadataKey());
        assertEquals(value, q.metadataValue());
    }

    @ParameterizedTest
    @CsvSource({"1h,3600", "24h,86400", "7d,604800"})
    void statsWindowsAreTheThreeNamed(String window, long seconds) {
        assertEquals(seconds, StatsWindow.parse(window).length().toSeconds());
    }

    @ParameterizedTest
    @CsvSource({"1d", "2h", "week"})
    void anyOtherWindowIsRefused(String window) {
        assertThrows(IllegalArgumentException.class, () -> StatsWindow.parse(window));
    }
}
