package io.gatehouse.telemetry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values one metric label may take, bounded so a scrape stays small whatever clients send: the first
 * {@code max} distinct values are kept, later ones are folded into {@code other}; null becomes
 * {@code unknown}, and a value too long or with control characters becomes {@code other} too.
 */
final class BoundedLabel {
    static final String OTHER = "other";
    static final String UNKNOWN = "unknown";
    private static final int MAX_LENGTH = 128;

    private final int max;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    BoundedLabel(int max) {
        this.max = max;
    }

    String of(String value) {
        if (value == null || value.isEmpty()) {
            return UNKNOWN;
        }
        if (seen.contains(value)) {
            return value;
        }
        if (value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            return OTHER;
        }
        // Two threads may both add the last free place: the bound is approximate by a few, never unbounded.
        if (seen.size() < max) {
            seen.add(value);
            return value;
        }
        return OTHER;
    }
}
