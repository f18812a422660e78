package io.gatehouse.access;

import java.util.List;

/**
 * The models a catalog entry or gateway key may be asked for: exact names, or prefixes ending in {@code *}
 * ({@code claude-*}). {@link #ANY} allows every model. A request without a body (a GET or DELETE through the
 * proxy) names no model and is not restricted by model; restrict such calls by not granting the entry. A
 * proxied body whose model cannot be read (not JSON) is refused when models are restricted.
 */
public record ModelNames(List<String> patterns) {
    public static final ModelNames ANY = new ModelNames(null);

    public ModelNames {
        patterns = patterns == null ? null : List.copyOf(patterns);
    }

    /** Whether some models are not allowed (so a request's model must be looked at). */
    public boolean restricts() {
        return patterns != null;
    }

    public boolean allows(String model) {
        if (patterns == null || model == null) {
            return true;
        }
        for (String p : patterns) {
            if (p.endsWith("*") ? model.startsWith(p.substring(0, p.length() - 1)) : model.equals(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return patterns == null ? "any model" : String.join(", ", patterns);
    }
}
