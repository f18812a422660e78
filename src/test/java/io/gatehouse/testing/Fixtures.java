package io.gatehouse.testing;

import io.gatehouse.egress.HostPolicy;
import io.gatehouse.http.Header;
import io.gatehouse.http.RequestHeaders;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/** Table-driven tests read their cases from JSON files under {@code src/test/resources/fixtures/}. */
public final class Fixtures {
    private static final JsonProvider JSON = JsonProvider.provider();

    private Fixtures() {
    }

    /** The cases of a fixture file: a JSON array of objects, each with a {@code name} that labels the test. */
    public static Stream<Named<JsonObject>> cases(String resource) {
        return array(resource).stream()
                .map(JsonValue::asJsonObject)
                .map(c -> Named.of(c.getString("name"), c));
    }

    public static JsonArray array(String resource) {
        String path = "/fixtures/" + resource;
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            try (var reader = JSON.createReader(in)) {
                return reader.readArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonObject object(String json) {
        try (var reader = JSON.createReader(new java.io.StringReader(json))) {
            return reader.readObject();
        }
    }

    /**
     * Headers written as {@code [["Name","value"], …]}, kept in order so repeated headers stay repeated;
     * null or absent means none.
     */
    public static List<Header> headerList(JsonValue pairs) {
        List<Header> out = new ArrayList<>();
        if (pairs == null || pairs.getValueType() == JsonValue.ValueType.NULL) {
            return out;
        }
        for (JsonValue pair : pairs.asJsonArray()) {
            JsonArray nameValue = pair.asJsonArray();
            out.add(new Header(nameValue.getString(0), nameValue.getString(1)));
        }
        return out;
    }

    /** The client's request headers from {@code [["Name","value"], …]} or {@code {"Name": "value"}}. */
    public static RequestHeaders requestHeaders(JsonValue headers) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        if (headers != null && headers.getValueType() == JsonValue.ValueType.OBJECT) {
            headers.asJsonObject().forEach((name, value) ->
                    map.computeIfAbsent(name, k -> new ArrayList<>()).add(((JsonString) value).getString()));
        } else {
            headerList(headers).forEach(h -> map.computeIfAbsent(h.name(), k -> new ArrayList<>()).add(h.value()));
        }
        return RequestHeaders.of(map);
    }

    /** A JSON array of strings as a list, or null for JSON null or absence. */
    public static List<String> stringsOrNull(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        return value.asJsonArray().getValuesAs(JsonString::getString);
    }

    /**
     * A host policy written as {@code {"refuseMetadata", "allowPrivateNetworks", "allowedHosts", "deniedHosts"}},
     * every key optional with the self-hosted default; null means the default policy.
     */
    public static HostPolicy hostPolicy(JsonObject p) {
        if (p == null) {
            return new HostPolicy(true, true, List.of(), List.of());
        }
        return new HostPolicy(
                p.getBoolean("refuseMetadata", true),
                p.getBoolean("allowPrivateNetworks", true),
                p.containsKey("allowedHosts") ? stringsOrNull(p.get("allowedHosts")) : List.of(),
                p.containsKey("deniedHosts") ? stringsOrNull(p.get("deniedHosts")) : List.of());
    }

    /**
     * The shipped host policy ({@link HostPolicy#selfHostedDefault()}) with the fields written as
     * {@code {"allowPrivateNetworks", "privateNetworksForOpenGateway", "privateHosts"}} replaced.
     */
    public static HostPolicy shippedHostPolicy(JsonObject p) {
        HostPolicy d = HostPolicy.selfHostedDefault();
        if (p == null) {
            return d;
        }
        return new HostPolicy(d.refuseMetadata(), p.getBoolean("allowPrivateNetworks", d.allowPrivateNetworks()),
                d.allowedHosts(), d.deniedHosts(), p.getBoolean("privateNetworksForOpenGateway", d.privateNetworksForOpenGateway()),
                p.containsKey("privateHosts") ? stringsOrNull(p.get("privateHosts")) : d.privateHosts());
    }

    /** A JSON string or null. */
    public static String stringOrNull(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : ((JsonString) value).getString();
    }
}
