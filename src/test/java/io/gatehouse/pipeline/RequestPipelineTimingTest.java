package io.gatehouse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestPipelineTimingTest {

    @Test
    void millisecondsWithThreeDecimals() {
        assertEquals("0.000", RequestPipeline.millis(0));
        assertEquals("0.001", RequestPipeline.millis(1_000));
        assertEquals("0.042", RequestPipeline.millis(42_999));
        assertEquals("1.234", RequestPipeline.millis(1_234_567));
        assertEquals("12.300", RequestPipeline.millis(12_300_000));
        assertEquals("0.000", RequestPipeline.millis(-5), "a clock that went backwards reads as zero");
    }

    @Test
    void serverTimingNamesGatewayAndUpstream() {
        assertEquals("gateway;dur=0.500, upstream;dur=2.000", RequestPipeline.serverTiming(0, 500_000, 2_500_000));
    }
}
