package io.gatehouse.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The hooks of a config node, or of a server-config default: those that run on the request before it is sent
 * ({@code before}) and those that run on the answer ({@code after}). A side that is null was not set, so a
 * target inherits its parent's (like {@code retry}).
 */
public record Hooks(List<HookConfig> before, List<HookConfig> after) {
    public static final Hooks NONE = new Hooks(List.of(), List.of());

    public Hooks {
        before = before == null ? null : List.copyOf(before);
        after = after == null ? null : List.copyOf(after);
    }

    public boolean isEmpty() {
        return (before == null || before.isEmpty()) && (after == null || after.isEmpty());
    }

    /** A child's hooks over its parent's ({@code this}): each side the child sets replaces the parent's. */
    public Hooks inherit(Hooks child) {
        if (child == null) {
            return this;
        }
        return new Hooks(child.before != null ? child.before : before, child.after != null ? child.after : after);
    }

    /** These hooks, then {@code more}'s, on each side; unset sides count as none, and the result sets both. */
    public Hooks plus(Hooks more) {
        if (more == null || more.isEmpty()) {
            return bothSides();
        }
        if (isEmpty()) {
            return more.bothSides();
        }
        return new Hooks(concat(before, more.before), concat(after, more.after));
    }

    /** These hooks with an unset side as none. */
    private Hooks bothSides() {
        return before != null && after != null ? this
                : new Hooks(before == null ? List.of() : before, after == null ? List.of() : after);
    }

    private static List<HookConfig> concat(List<HookConfig> a, List<HookConfig> b) {
        List<HookConfig> all = new ArrayList<>(a == null ? List.of() : a);
        all.addAll(b == null ? List.of() : b);
        return all;
    }
}
