package io.gatehouse.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.error.GatewayException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Gateway keys: stored as hashes, found by hashing what the client presents, grants checked per target. */
class GatewayKeysTest {
    private static GatewayKey key(String name, String secret, Set<String> entries, ModelNames models, boolean direct) {
        return new GatewayKey(name, GatewayKeys.sha256(secret), entries, models, direct, Limits.NONE, Map.of());
    }

    @Test
    void theHashIsSha256OfTheKeyAsSha256sumPrintsIt() {
        // printf %s test | sha256sum
        assertEquals("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", GatewayKeys.sha256Hex("test"));
    }

    @Test
    void aPresentedKeyIsFoundByItsHash() {
        GatewayKeys keys = new GatewayKeys(List.of(key("a", "gh-aaa", null, ModelNames.ANY, false),
                key("b", "gh-bbb", null, ModelNames.ANY, false)));
        assertEquals("b", keys.find("gh-bbb").orElseThrow().name());
        assertEquals("a", keys.find("gh-aaa").orElseThrow().name());
        assertTrue(keys.find("gh-bb").isEmpty());
        assertTrue(keys.find("").isEmpty());
        assertFalse(keys.open());
        assertTrue(GatewayKeys.OPEN.open());
    }

    @Test
    void keysNeverPrintTheirHash() {
        assertEquals("GatewayKey[a]", key("a", "gh-aaa", null, ModelNames.ANY, false).toString());
    }

    @Test
    void grantsLimitEntriesModelsAndDirectProviderUse() {
        GatewayKey key = key("team", "k", Set.of("openai-prod"), new ModelNames(List.of("gpt-4o-mini", "claude-*")), false);
        CatalogEntry openai = entry("openai-prod");
        CatalogEntry other = entry("anthropic-prod");

        key.authorize(openai, "openai", "gpt-4o-mini");
        key.authorize(openai, "openai", null);
        assertForbidden("entry_not_allowed", () -> key.authorize(other, "anthropic", "claude-sonnet-4-5"));
        assertForbidden("model_not_allowed", () -> key.authorize(openai, "openai", "gpt-4o"));
        assertForbidden("entry_not_allowed", () -> key.authorize(null, "openai", "gpt-4o-mini"));

        GatewayKey everything = key("all", "k2", null, ModelNames.ANY, true);
        everything.authorize(other, "anthropic", "claude-x");
        everything.authorize(null, "openai", "gpt-4o");
    }

    @Test
    void modelPatternsAreExactOrPrefixes() {
        ModelNames names = new ModelNames(List.of("gpt-4o", "claude-*"));
        assertTrue(names.allows("gpt-4o"));
        assertFalse(names.allows("gpt-4o-mini"));
        assertTrue(names.allows("claude-sonnet-4-5"));
        assertTrue(names.allows(null), "requests naming no model are not restricted by model");
        assertTrue(ModelNames.ANY.allows("anything"));
    }

    private static CatalogEntry entry(String slug) {
        return new CatalogEntry(slug, io.gatehouse.provider.ProviderRegistry.defaults().resolve("openai"),
                new KeyRing(List.of(), java.time.Duration.ofSeconds(1), () -> 0L), null,
                io.gatehouse.config.ProviderOptions.NONE, ModelNames.ANY, Limits.NONE, Map.of());
    }

    private static void assertForbidden(String code, org.junit.jupiter.api.function.Executable call) {
        GatewayException e = assertThrows(GatewayException.class, call);
        assertEquals(403, e.status());
        assertEquals(code, e.code());
    }
}
