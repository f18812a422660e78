package io.gatehouse.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTest {
    @ParameterizedTest
    @CsvSource({
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01, 4bf92f3577b34da6a3ce929d0e0e4736, 00f067aa0ba902b7, true",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-00, 4bf92f3577b34da6a3ce929d0e0e4736, 00f067aa0ba902b7, false",
        // a later version may add fields after the flags
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03-extra, 4bf92f3577b34da6a3ce929d0e0e4736, 00f067aa0ba902b7, true",
    })
    void aValidHeaderIsContinued(String header, String traceId, String spanId, boolean sampled) {
        assertEquals(new TraceParent(traceId, spanId, sampled), TraceParent.parse(header));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "garbage", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
        "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x"})
    void anInvalidHeaderStartsANewTrace(String header) {
        assertNull(TraceParent.parse(header));
    }
}
