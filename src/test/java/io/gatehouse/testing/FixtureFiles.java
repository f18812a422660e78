package io.gatehouse.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.gatehouse.model.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fixture files laid out as {@code <root>/<group>/<kind>/*<extension>} on the test classpath — one group per
 * provider ({@code providers/anthropic/stream/*.sse}) or per client dialect ({@code dialects/messages/…}).
 */
public final class FixtureFiles {
    private FixtureFiles() {
    }

    /** One fixture: its group, a name for the test ({@code group/kind/file}), and where it is. */
    public record FixtureFile(String group, String name, Path path) {
    }

    /** A fixture file's JSON object. */
    public static JsonObject read(Path path) {
        try {
            return Json.parse(Files.readString(path)).asJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every fixture of {@code kind} under {@code root}, sorted; none at all fails the test. */
    public static Stream<FixtureFile> list(String root, String kind, String extension) {
        try {
            Path base = Path.of(FixtureFiles.class.getResource(root).toURI());
            List<FixtureFile> out = new ArrayList<>();
            try (Stream<Path> groups = Files.list(base)) {
                for (Path group : groups.sorted().toList()) {
                    Path dir = group.resolve(kind);
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.list(dir)) {
                        files.filter(p -> p.toString().endsWith(extension)).sorted().forEach(p -> out.add(new FixtureFile(
                                group.getFileName().toString(), group.getFileName() + "/" + kind + "/" + p.getFileName(), p)));
                    }
                }
            }
            assertFalse(out.isEmpty(), "no " + kind + " fixtures found under " + root);
            return out.stream();
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
