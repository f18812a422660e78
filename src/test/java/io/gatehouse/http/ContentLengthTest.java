package io.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContentLengthTest {
    @ParameterizedTest(name = "Content-Length [{0}] -> {1}")
    @CsvSource({
            "1024, 1024",
            "0, 0",
            "' 12 ', 12",
            "+12, -1",
            "-5, -1",
            "1e3, -1",
            "abc, -1",
            "'', -1",
            "99999999999999999999, -1",
    })
    void digitsOnlyOrMinusOne(String value, long expected) {
        assertEquals(expected, Header.contentLength(value));
        assertEquals(expected, RequestHeaders.of(Map.of("Content-Length", List.of(value))).contentLength(),
                "the client's header, whatever its case");
    }

    @Test
    void absentIsMinusOne() {
        assertEquals(-1, Header.contentLength(null));
        assertEquals(-1, RequestHeaders.of(Map.of("Transfer-Encoding", List.of("chunked"))).contentLength());
    }
}
