package io.gatehouse.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Configs saved on the gateway, {@code <config dir>/configs/<id>.json}, used by sending the id as
 * {@code x-portkey-config} ({@code pc-…} or any id). All are read, parsed and validated once at start: a
 * bad file stops the start with its problems, and requests never touch the file system, so an id can never
 * name a path.
 */
public final class SavedConfigs {
    /** Ids are file names without {@code .json}: letters, digits, {@code -} and {@code _}; no dots, no slashes. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    private static final String SUFFIX = ".json";

    private final Map<String, TargetConfig> byId;

    private SavedConfigs(Map<String, TargetConfig> byId) {
        this.byId = Map.copyOf(byId);
    }

    public static SavedConfigs none() {
        return new SavedConfigs(Map.of());
    }

    /** Configs given directly, by id (tests, embedding). */
    public static SavedConfigs of(Map<String, TargetConfig> byId) {
        return new SavedConfigs(new TreeMap<>(byId));
    }

    /** Reads every {@code *.json} in {@code dir} (a missing directory means no saved configs). */
    public static SavedConfigs load(Path dir, ConfigParser parser) throws IOException {
        if (!Files.isDirectory(dir)) {
            return none();
        }
        Map<String, TargetConfig> byId = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - SUFFIX.length());
                if (!isWellFormedId(id)) {
                    throw new IllegalArgumentException("Saved config " + file + ": the file name must be <id>.json with an id of "
                            + "letters, digits, '-' and '_' (at most 128)");
                }
                try {
                    byId.put(id, parser.parse(Files.readString(file, StandardCharsets.UTF_8)));
                } catch (RuntimeException invalid) {
                    throw new IllegalArgumentException("Saved config " + file + " is invalid: " + invalid.getMessage(), invalid);
                }
            }
        }
        return new SavedConfigs(new LinkedHashMap<>(byId));
    }

    public static boolean isWellFormedId(String id) {
        return ID.matcher(id).matches();
    }

    public Optional<TargetConfig> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Map<String, TargetConfig> all() {
        return byId;
    }
}
