package io.gatehouse.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.egress.HostPolicy;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.testing.FixtureSource;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/** Catalog, gateway keys and pricing read from files: what loads, and every problem with its file and path. */
class AccessConfigLoaderTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.defaults();

    @TempDir
    Path dir;

    @ParameterizedTest
    @FixtureSource("access/server-config-cases.json")
    void serverConfigFiles(JsonObject c) throws IOException {
        writeFiles(c.getJsonObject("files"));
        Map<String, String> env = new HashMap<>();
        if (c.containsKey("env")) {
            c.getJsonObject("env").forEach((k, v) -> env.put(k, ((JsonString) v).getString()));
        }
        AccessConfigLoader loader = new AccessConfigLoader(dir, REGISTRY, HostPolicy.selfHostedDefault(), env::get, () -> 0L);

        if (c.containsKey("problems")) {
            InvalidServerConfigException e = assertThrows(InvalidServerConfigException.class, loader::load);
            List<String> expected = c.getJsonArray("problems").getValuesAs(JsonString.class).stream()
                    .map(s -> s.getString().replace("PROVIDERS", String.join(", ", REGISTRY.slugs())).replace("DIR", dir.toString()))
                    .toList();
            List<String> actual = e.problems().stream().map(p -> p.replaceFirst("not valid JSON: .*", "not valid JSON: MESSAGE")).toList();
            assertEquals(expected, actual);
            return;
        }
        AccessConfig config = loader.load();
        assertEquals(c.getJsonArray("entries").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList(),
                config.catalog().entries().stream().map(CatalogEntry::slug).toList());
        if (c.containsKey("names")) {
            c.getJsonObject("names").forEach((name, slug) ->
                    assertEquals(((JsonString) slug).getString(), config.catalog().find(name).orElseThrow().slug(), name));
        }
        assertEquals(c.getJsonArray("keys").size(), config.keys().all().size());
        assertTrue(config.files().contains(dir.resolve(AccessConfigLoader.CATALOG_FILE)));
    }

    @org.junit.jupiter.api.Test
    void theShippedServerConfigLoadsAndKeepsTheGatewayOpen() {
        AccessConfig shipped = new AccessConfigLoader(Path.of("server-config"), REGISTRY, HostPolicy.selfHostedDefault(),
                name -> null, () -> 0L).load();
        assertTrue(shipped.keys().open());
        assertTrue(shipped.catalog().find("local-ollama").isPresent());
        assertTrue(shipped.pricing().find("openai", "gpt-4o-mini").isPresent());
    }

    private void writeFiles(JsonObject files) throws IOException {
        for (Map.Entry<String, JsonValue> f : files.entrySet()) {
            Path file = dir.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            String text = f.getValue() instanceof JsonString s ? s.getString() : f.getValue().toString();
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }
}
