package io.gatehouse.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's API keys, held as SHA-256 hashes. A presented key is hashed and compared with every
 * stored hash in constant time ({@link MessageDigest#isEqual}), all of them every time, so neither a
 * key's bytes nor its position can be learnt from timing. No keys means the gateway is open.
 */
public final class GatewayKeys {
    public static final GatewayKeys OPEN = new GatewayKeys(List.of());

    private final List<GatewayKey> keys;

    public GatewayKeys(List<GatewayKey> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Whether no keys are configured: every request is let in. */
    public boolean open() {
        return keys.isEmpty();
    }

    public List<GatewayKey> all() {
        return keys;
    }

    /** The key whose hash matches {@code presented}, if any. */
    public Optional<GatewayKey> find(String presented) {
        byte[] hash = sha256(presented);
        GatewayKey found = null;
        for (GatewayKey key : keys) {
            if (MessageDigest.isEqual(key.sha256(), hash) && found == null) {
                found = key;
            }
        }
        return Optional.ofNullable(found);
    }

    /** SHA-256 of the key's UTF-8 bytes: what {@code printf %s "$KEY" | sha256sum} prints, as bytes. */
    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }
}
