package io.gatehouse.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.egress.HostPolicy;
import io.gatehouse.provider.ProviderRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference page's (docs/catalog-and-keys.md) full examples of catalog.json, gateway-keys.json and pricing.json load as written. */
class ReadmeExamplesTest {
    @TempDir
    Path dir;

    /** The first JSON code block after {@code heading}. */
    private static String example(String readme, String heading) {
        int at = readme.indexOf(heading);
        int start = readme.indexOf("```json\n", at) + "```json\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    @Test
    void theDocumentedFilesLoad() throws IOException {
        String readme = Files.readString(Path.of("docs/catalog-and-keys.md"));
        Files.writeString(dir.resolve("catalog.json"), example(readme, "## The model catalog: `catalog.json`"));
        Files.writeString(dir.resolve("gateway-keys.json"), example(readme, "## Gateway API keys"));
        Files.writeString(dir.resolve("pricing.json"), example(readme, "`pricing.json`:"));
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/openai-2.key"), "sk-2");
        Path azure = dir.resolve("azure-eu");
        Files.writeString(azure, "az-key");
        String catalog = Files.readString(dir.resolve("catalog.json")).replace("/run/secrets/azure-eu", azure.toString());
        Files.writeString(dir.resolve("catalog.json"), catalog);
        Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-1", "ANTHROPIC_API_KEY", "sk-a", "COHERE_API_KEY", "co");

        AccessConfig config = new AccessConfigLoader(dir, ProviderRegistry.defaults(), HostPolicy.selfHostedDefault(), env::get,
                () -> 0L).load();

        assertEquals(5, config.catalog().entries().size());
        assertEquals("openai-prod", config.catalog().find("openai-key").orElseThrow().slug());
        assertEquals(2, config.keys().all().size());
        assertTrue(config.pricing().find("openai", "gpt-4o").isPresent());
    }
}
