package io.gatehouse.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.testing.FixtureSource;
import io.gatehouse.testing.Fixtures;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;

/** The address a host string denotes literally, read the way resolvers read it, without asking DNS. */
class IpLiteralsTest {

    @ParameterizedTest
    @FixtureSource("egress/ip-literals.json")
    void parse(JsonObject c) {
        Optional<InetAddress> parsed = IpLiterals.parse(c.getString("host"));
        assertEquals(Optional.ofNullable(Fixtures.stringOrNull(c.get("address"))), parsed.map(InetAddress::getHostAddress));
    }
}
