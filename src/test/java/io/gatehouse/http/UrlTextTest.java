package io.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlTextTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x=%zz|x=%25zz",
        "%|%25",
        "x=%2|x=%252",
        "a=%41&b=%e9|a=%41&b=%e9",
        "q=a b|q=a%20b",
        "é=é|%E9=%E9",
        "k={v}|k=%7Bv%7D",
        "beta=true|beta=true"})
    void escapesOnlyWhatNoUrlMayCarry(String raw, String sent) {
        assertEquals(sent, UrlText.escapeIllegal(raw));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "limit=%zz|limit|%zz",
        "limit=5&limit=6|limit|5",
        "a=%41|a|A",
        "a=b+c|a|b c",
        "flag|flag|''",
        "=&=|''|''"})
    void readsQueryValuesWithoutRefusingMalformedEscapes(String raw, String name, String value) {
        assertEquals(value, UrlText.firstValues(raw).get(name));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''", "&&"})
    void anEmptyQueryHasNoValues(String raw) {
        assertEquals(Map.of(), UrlText.firstValues(raw));
    }
}
