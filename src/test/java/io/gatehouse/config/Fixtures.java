package io.gatehouse.config;

import io.gatehouse.upstream.HostPolicy;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/** Reads the JSON fixture tables under src/test/resources, and the parser the config tests share. */
public final class Fixtures {
    public static final JsonProvider JSON = JsonProvider.provider();
    /** Providers known to the tests' parser. */
    public static final Set<String> PROVIDERS = Set.of("openai", "groq", "ollama", "mistral-ai");

    private Fixtures() {
    }

    public static ConfigParser parser() {
        return new ConfigParser(new ConfigEnvironment(HostPolicy.selfHostedDefault(), PROVIDERS::contains,
                "groq, mistral-ai, ollama, openai"));
    }

    /** The cases of a fixture table: a JSON array of objects. */
    public static List<JsonObject> cases(String resource) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            JsonArray array = JSON.createReader(in).readArray();
            return array.stream().map(JsonValue::asJsonObject).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonObject object(String json) {
        return JSON.createReader(new java.io.StringReader(json)).readObject();
    }
}
