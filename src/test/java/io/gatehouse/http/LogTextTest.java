package io.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LogTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "gpt-4o|gpt-4o",
            "\"gpt-4o\nINFO usage trace=forged key=admin\"|gpt-4o\\nINFO usage trace=forged key=admin",
            "\"a\r\nb\tc\"|a\\r\\nb\\tc",
            "\"x\u2028y\u0085z\u001b[31m\"|x\\u2028y\\u0085z\\u001b[31m"})
    void controlCharactersAndLineSeparatorsAreEscaped(String raw, String logged) {
        assertEquals(logged, LogText.of(raw));
    }

    @Test
    void longTextIsCutAndNullIsADash() {
        String logged = LogText.of("m".repeat(10_000));
        assertTrue(logged.length() < LogText.MAX_CHARS + 30, logged);
        assertTrue(logged.endsWith("…(10000 chars)"), logged);
        assertEquals("-", LogText.of(null));
        String plain = "plain";
        assertSame(plain, LogText.of(plain));
        assertFalse(LogText.of("a\nb").contains("\n"));
    }
}
