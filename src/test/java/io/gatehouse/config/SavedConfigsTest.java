package io.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.gatehouse.testing.TestConfigParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedConfigsTest {
    @TempDir
    Path dir;

    @Test
    void loadsEveryJsonFileByItsIdThroughTheSameParser() throws IOException {
        Files.writeString(dir.resolve("pc-fallback-1.json"), "{\"strategy\":{\"mode\":\"fallback\"},\"targets\":[{\"provider\":\"openai\"},{\"provider\":\"groq\"}]}");
        Files.writeString(dir.resolve("team_a.json"), "{\"provider\":\"openai\",\"requestTimeout\":100}");
        Files.writeString(dir.resolve("README.txt"), "not a config");

        SavedConfigs saved = SavedConfigs.load(dir, TestConfigParser.create());

        assertEquals(2, saved.all().size());
        assertEquals(2, saved.find("pc-fallback-1").orElseThrow().targets().size());
        assertEquals(100L, saved.find("team_a").orElseThrow().requestTimeout());
        assertTrue(saved.find("README").isEmpty());
    }

    @Test
    void anInvalidSavedConfigStopsTheStartNamingFileAndProblem() throws IOException {
        Files.writeString(dir.resolve("pc-bad.json"), "{\"retry\":{\"attempts\":50}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SavedConfigs.load(dir, TestConfigParser.create()));
        assertTrue(e.getMessage().contains("pc-bad.json"), e.getMessage());
        assertTrue(e.getMessage().contains("path: retry.attempts, message: must be less than or equal to 5"), e.getMessage());
    }

    @Test
    void fileNamesOutsideTheIdCharsetAreRefused() throws IOException {
        Files.writeString(dir.resolve("my.config.json"), "{\"provider\":\"openai\"}");
        assertThrows(IllegalArgumentException.class, () -> SavedConfigs.load(dir, TestConfigParser.create()));
    }

    @Test
    void missingDirectoryMeansNoSavedConfigs() throws IOException {
        assertTrue(SavedConfigs.load(dir.resolve("absent"), TestConfigParser.create()).all().isEmpty());
    }

    @Test
    void idsCannotNameAPath() {
        assertTrue(SavedConfigs.isWellFormedId("pc-abc_123"));
        for (String bad : new String[] {"../etc/passwd", "..", "a/b", "a\\b", ".hidden", "pc-1.json", "", "-x", "a b", "é"}) {
            assertFalse(SavedConfigs.isWellFormedId(bad), bad);
        }
        assertFalse(SavedConfigs.isWellFormedId("x".repeat(129)));
    }
}
