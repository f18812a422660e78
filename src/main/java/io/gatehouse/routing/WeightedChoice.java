package io.gatehouse.routing;

import java.util.List;
import java.util.random.RandomGenerator;

/** Weighted random choice for loadbalance: each index in proportion to its weight; weight 0 is never chosen. */
final class WeightedChoice {
    private WeightedChoice() {
    }

    /** @param weights non-negative, at least one above 0 (validation guarantees it) */
    static int pick(List<Double> weights, RandomGenerator random) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < weights.size(); i++) {
            double w = weights.get(i);
            if (w <= 0) {
                continue;
            }
            if (r < w) {
                return i;
            }
            r -= w;
            last = i;
        }
        return last; // only reached through floating-point rounding at the very top of the range
    }
}
