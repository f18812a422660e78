package io.gatehouse.routing;

import io.gatehouse.config.Query;
import java.util.List;
import java.util.Set;

/**
 * A compiled config: the strategy tree the {@link Router} interprets, each leaf holding its effective
 * settings. {@code path} is the node's JSON path ({@code config}, {@code config.targets[1]}), reported
 * to clients as {@code x-portkey-last-used-option-index}. Immutable; one per distinct config.
 */
public sealed interface Route {
    String path();

    /** One target: where attempts go. */
    record Leaf(TargetSettings settings, String path) implements Route {
    }

    /**
     * Children in order until one answers acceptably.
     *
     * @param onStatusCodes answers that move on; empty means any non-2xx. Connection failures and
     *                      timeouts always move on.
     */
    record Fallback(List<Route> targets, Set<Integer> onStatusCodes, String path) implements Route {
        public Fallback {
            targets = List.copyOf(targets);
            onStatusCodes = Set.copyOf(onStatusCodes);
        }
    }

    /** One child at random, by weight (weights of 0 are never chosen). */
    record LoadBalance(List<Route> targets, List<Double> weights, String path) implements Route {
        public LoadBalance {
            targets = List.copyOf(targets);
            weights = List.copyOf(weights);
        }
    }

    /** The child of the first matching branch, else {@code otherwise} (null: no match is a 400). */
    record Conditional(List<Branch> branches, Route otherwise, String path) implements Route {
        public Conditional {
            branches = List.copyOf(branches);
        }
    }

    record Branch(Query query, Route target) {
    }
}
