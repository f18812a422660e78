package io.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.testing.FixtureSource;
import io.gatehouse.testing.Fixtures;
import jakarta.json.JsonObject;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;

class HeaderPolicyTest {

    @ParameterizedTest
    @FixtureSource("http/header-policy-unified.json")
    void unifiedUpstreamHeaders(JsonObject c) {
        List<Header> sent = HeaderPolicy.unifiedUpstreamHeaders(
                Fixtures.requestHeaders(c.get("client")),
                Fixtures.headerList(c.get("provider")),
                Set.copyOf(Fixtures.stringsOrNull(c.get("passThrough"))),
                Fixtures.stringsOrNull(c.get("forward")));
        assertEquals(byName(Fixtures.headerList(c.get("expect"))), byName(sent));
    }

    @ParameterizedTest
    @FixtureSource("http/header-policy-proxy.json")
    void proxyUpstreamHeaders(JsonObject c) {
        List<Header> sent = HeaderPolicy.proxyUpstreamHeaders(
                Fixtures.requestHeaders(c.get("client")),
                Fixtures.headerList(c.get("provider")),
                c.containsKey("defaults") ? Fixtures.headerList(c.get("defaults")) : List.of(),
                Fixtures.stringsOrNull(c.get("forward")));
        assertEquals(byName(Fixtures.headerList(c.get("expect"))), byName(sent));
    }

    /** Downstream order is the upstream's, names exactly as the upstream sent them. */
    @ParameterizedTest
    @FixtureSource("http/header-policy-downstream.json")
    void downstreamHeaders(JsonObject c) {
        List<Header> relayed = HeaderPolicy.downstreamHeaders(
                Fixtures.headerList(c.get("upstream")), c.getBoolean("bodyUnchanged"));
        assertEquals(Fixtures.headerList(c.get("expect")), relayed);
    }

    /**
     * Header lines as "name: value" with lower-case names, grouped by name. The sort is stable, so the
     * order of a repeated header's values still counts; the order between different names does not
     * (pass-through names come from a set).
     */
    private static List<String> byName(List<Header> headers) {
        return headers.stream()
                .sorted(Comparator.comparing(h -> h.name().toLowerCase(Locale.ROOT)))
                .map(h -> h.name().toLowerCase(Locale.ROOT) + ": " + h.value())
                .toList();
    }
}
