package io.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Loadbalance shares, measured over many seeded draws. */
class WeightedChoiceTest {
    private static final int DRAWS = 20_000;

    @Test
    void sharesFollowTheWeights() {
        assertShares(List.of(0.7, 0.3), new double[] {0.7, 0.3});
        assertShares(List.of(3.0, 1.0, 1.0), new double[] {0.6, 0.2, 0.2});
        assertShares(List.of(1.0, 1.0, 1.0, 1.0), new double[] {0.25, 0.25, 0.25, 0.25});
    }

    @Test
    void weightZeroIsNeverChosen() {
        int[] counts = draw(List.of(0.0, 2.0, 0.0, 1.0), 42);
        assertEquals(0, counts[0]);
        assertEquals(0, counts[2]);
        assertEquals(DRAWS, counts[1] + counts[3]);
    }

    @Test
    void oneTargetIsAlwaysChosen() {
        assertEquals(DRAWS, draw(List.of(0.001), 7)[0]);
    }

    private static void assertShares(List<Double> weights, double[] expected) {
        int[] counts = draw(weights, 20261121L);
        for (int i = 0; i < expected.length; i++) {
            // ±1.5 points: with 20k draws the standard error is at most 0.35 points, so this fails only on a real bias.
            assertEquals(expected[i], counts[i] / (double) DRAWS, 0.015, "share of target " + i + " for " + weights);
        }
    }

    private static int[] draw(List<Double> weights, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] counts = new int[weights.size()];
        for (int i = 0; i < DRAWS; i++) {
            counts[WeightedChoice.pick(weights, random)]++;
        }
        return counts;
    }
}
