package io.gatehouse.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.testing.Fixtures;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The address a host string denotes literally, read the way resolvers read it, without asking DNS. */
class IpLiteralsTest {

    static Stream<Named<JsonObject>> literals() {
        return Fixtures.cases("upstream/ip-literals.json");
    }

    @ParameterizedTest
    @MethodSource("literals")
    void parse(JsonObject c) {
        Optional<InetAddress> parsed = IpLiterals.parse(c.getString("host"));
        assertEquals(Optional.ofNullable(Fixtures.stringOrNull(c.get("address"))), parsed.map(InetAddress::getHostAddress));
    }
}
