package io.gatehouse.cache;

import io.gatehouse.error.GatewayException;
import java.util.Locale;

/** How answers are matched: the same request ({@code simple}), or a prompt similar enough ({@code semantic}). */
public enum CacheMode {
    SIMPLE, SEMANTIC;

    /** The mode a config or the {@code x-portkey-cache} header names. */
    static CacheMode parse(String name, String where) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "simple" -> SIMPLE;
            case "semantic" -> SEMANTIC;
            default -> throw GatewayException.badRequest("invalid_cache_mode",
                    where + " must be 'simple' or 'semantic', not '" + name + "'");
        };
    }
}
