package io.gatehouse.access;

import java.util.function.Supplier;

/**
 * Who is calling: the gateway key the request presented, or nobody in particular when the gateway is open
 * (no keys configured).
 *
 * @param key the authenticated key, or null on an open gateway
 */
public record Caller(GatewayKey key) {
    public static final Caller OPEN = new Caller(null);

    /**
     * Refuses (403) a target outside the key's grants; an open gateway grants everything.
     *
     * @param model the model asked for, looked up only when the key restricts models
     */
    public void authorize(CatalogEntry entry, String provider, Supplier<String> model) {
        if (key != null) {
            key.authorize(entry, provider, key.models().restricts() ? model.get() : null);
        }
    }

    /** For logs: the key's name, or {@code open}. */
    public String name() {
        return key == null ? "open" : key.name();
    }
}
