package io.gatehouse.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** A config node's {@code strategy}: how it chooses among its {@code targets}. */
public sealed interface Strategy {

    /** The wire name of the mode. */
    String mode();

    /** Uses {@code targets[0]} only. */
    record Single() implements Strategy {
        @Override
        public String mode() {
            return "single";
        }
    }

    /**
     * Tries targets in order until one answers acceptably.
     *
     * @param onStatusCodes statuses that move on to the next target; empty means any non-2xx
     */
    record Fallback(List<@Min(100) @Max(599) Integer> onStatusCodes) implements Strategy {
        public Fallback {
            onStatusCodes = onStatusCodes == null ? List.of() : List.copyOf(onStatusCodes);
        }

        @Override
        public String mode() {
            return "fallback";
        }
    }

    /** Picks one target at random, in proportion to the targets' {@code weight}. */
    record LoadBalance() implements Strategy {
        @Override
        public String mode() {
            return "loadbalance";
        }
    }

    /**
     * Picks the target named by the first condition whose query matches, else the default.
     *
     * @param conditions    {@code [{query, then}]}, in order
     * @param defaultTarget {@code default}: the target name used when no condition matches, or null
     */
    record Conditional(@NotEmpty List<@Valid @NotNull Rule> conditions, String defaultTarget) implements Strategy {
        public Conditional {
            conditions = conditions == null ? null : List.copyOf(conditions);
        }

        @Override
        public String mode() {
            return "conditional";
        }
    }

    /** One condition: when {@code query} matches, route to the target named {@code then}. */
    record Rule(@NotNull Query query, @NotBlank String then) {
    }
}
