package io.gatehouse.access;

import io.gatehouse.usage.Pricing;
import java.nio.file.Path;
import java.util.Set;

/**
 * Everything {@code server-config/} says about access, as one immutable snapshot: the model catalog, the
 * gateway keys and the pricing table. A reload replaces the whole snapshot at once, so a request never
 * sees a catalog from one version and keys from another.
 */
public record AccessConfig(Catalog catalog, GatewayKeys keys, Pricing pricing, Set<Path> files) {
    public static final AccessConfig EMPTY = new AccessConfig(Catalog.EMPTY, GatewayKeys.OPEN, Pricing.NONE, Set.of());

    /** @param files the files it was read from (secret files included): what a reload watches */
    public AccessConfig {
        files = Set.copyOf(files);
    }
}
