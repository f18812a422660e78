package io.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class MemoryLimitsTest {
    private static final long MIB = 1024 * 1024;

    /** Each limit is a share of the heap, between 1 MiB and its fixed cap. */
    @ParameterizedTest(name = "{0} MiB heap")
    @CsvSource({
            // heap, request body, answer, SSE event, held answer, all answers (MiB)
            "16,    1,  1,   1,  1,    4",
            "256,   16, 16,  8,  8,    64",
            "512,   32, 32,  16, 16,   128",
            "1024,  50, 64,  32, 32,   256",
            "8192,  50, 128, 64, 32,   2048"})
    void limitsAreSharesOfTheHeapWithinTheirCaps(long heapMib, long body, long answer, long event, long held, long all) {
        MemoryLimits limits = MemoryLimits.forHeap(heapMib * MIB);

        assertEquals(new MemoryLimits(body * MIB, (int) (answer * MIB), (int) (event * MIB), (int) (held * MIB), all * MIB), limits);
    }

    @Test
    void aUnifiedRouteTakesTheSmallerOfTheConfiguredBodyLimitAndTheHeapShare() {
        Properties small = new Properties();
        small.setProperty("request.max-body-bytes", "1000");
        Properties huge = new Properties();
        huge.setProperty("request.max-body-bytes", String.valueOf(1L << 40));

        assertEquals(1000, GatewaySettings.from(Path.of("."), small).unifiedBodyBytes());
        GatewaySettings lavish = GatewaySettings.from(Path.of("."), huge);
        assertEquals(MemoryLimits.OF_THIS_HEAP.requestBodyBytes(), lavish.unifiedBodyBytes());
        assertEquals(1L << 40, lavish.maxRequestBodyBytes(), "proxied bodies stream, so their limit stays as configured");
        assertTrue(MemoryLimits.OF_THIS_HEAP.requestBodyBytes() <= Runtime.getRuntime().maxMemory() / 16 + MIB);
    }
}
