package io.gatehouse.egress;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.error.GatewayException;
import io.gatehouse.testing.FixtureSource;
import io.gatehouse.testing.Fixtures;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Hosts a client chose, judged before any connection by their URL and every address their name resolves
 * to, whether or not an egress proxy would resolve it later. A fake DNS answers; nothing is connected to.
 */
class ClientHostsTest {
    private static final Map<String, InetAddress[]> DNS = Map.of(
            "intranet.example", new InetAddress[] {v4(10, 9, 9, 9)},
            "llm.example", new InetAddress[] {v4(203, 0, 113, 5)},
            "evil.example", new InetAddress[] {v4(169, 254, 169, 254)},
            "mixed.example", new InetAddress[] {v4(203, 0, 113, 5), v4(169, 254, 169, 254)});

    @ParameterizedTest
    @FixtureSource("egress/client-hosts.json")
    void judgedBeforeAnyConnection(JsonObject c) {
        HostPolicy policy = Fixtures.shippedHostPolicy(c.getJsonObject("policy"));
        URI url = URI.create("http://" + c.getString("host") + ":8080/v1");
        boolean open = c.getBoolean("open");
        String expected = c.getString("expect");
        if (expected.equals("allowed")) {
            policy.checkClientHost(url, "x-portkey-custom-host", open, ClientHostsTest::resolve);
            return;
        }
        GatewayException e = assertGatewayError(400, "custom_host_not_allowed",
                () -> policy.checkClientHost(url, "x-portkey-custom-host", open, ClientHostsTest::resolve));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should say '" + expected + "'");
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] answer = DNS.get(host);
        if (answer == null) {
            throw new UnknownHostException(host);
        }
        return answer;
    }

    private static InetAddress v4(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
