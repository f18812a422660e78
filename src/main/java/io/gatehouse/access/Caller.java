package io.gatehouse.access;

/**
 * Who is calling: the gateway key the request presented, or nobody in particular when the gateway is open
 * (no keys configured).
 *
 * @param key the authenticated key, or null on an open gateway
 */
public record Caller(GatewayKey key) {
    public static final Caller OPEN = new Caller(null);

    /** Refuses (403) a target outside the key's grants; an open gateway grants everything. */
    public void authorize(CatalogEntry entry, String provider, String model) {
        if (key != null) {
            key.authorize(entry, provider, model);
        }
    }

    /** For logs: the key's name, or {@code open}. */
    public String name() {
        return key == null ? "open" : key.name();
    }
}
