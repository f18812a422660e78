package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.context.RequestHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeclaredLengthTest {
    @ParameterizedTest(name = "Content-Length [{0}] -> {1}")
    @CsvSource({
            "1024, 1024",
            "0, 0",
            "' 12 ', 12",
            "-5, -1",
            "abc, -1",
            "99999999999999999999, -1",
    })
    void theClientsContentLengthOrMinusOne(String header, long expected) {
        assertEquals(expected, RequestPipeline.declaredLength(RequestHeaders.of(Map.of("Content-Length", List.of(header)))));
    }

    @org.junit.jupiter.api.Test
    void noContentLengthIsMinusOne() {
        assertEquals(-1, RequestPipeline.declaredLength(RequestHeaders.of(Map.of("Transfer-Encoding", List.of("chunked")))));
    }
}
