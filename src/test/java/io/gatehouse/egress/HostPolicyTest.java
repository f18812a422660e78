package io.gatehouse.egress;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.error.GatewayException;
import io.gatehouse.testing.FixtureSource;
import io.gatehouse.testing.Fixtures;
import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** Judged from the URL string alone: nothing here resolves a name or opens a connection. */
class HostPolicyTest {
    private static final String SOURCE = "x-portkey-custom-host";
    private static final HostPolicy DEFAULT = HostPolicy.selfHostedDefault();
    private static final HostPolicy NO_PRIVATE = new HostPolicy(true, false, List.of(), List.of());

    @ParameterizedTest
    @FixtureSource("egress/host-policy.json")
    void defaultPolicyAndPrivateNetworksRefused(JsonObject c) {
        String host = c.getString("host");
        assertAll(
                () -> assertDecision(DEFAULT, host, c.getString("default")),
                () -> assertDecision(NO_PRIVATE, host, c.getString("noPrivate")));
    }

    /** What the URL check decides for a literal, the resolver check decides for the same address. */
    @ParameterizedTest
    @FixtureSource("egress/host-policy.json")
    void resolvedAddressesAreJudgedAlike(JsonObject c) {
        IpLiterals.parse(trimDot(c.getString("host"))).ifPresent(address -> assertAll(
                () -> assertEquals(c.getString("default").equals("allowed"), DEFAULT.permits(address), "default"),
                () -> assertEquals(c.getString("noPrivate").equals("allowed"), NO_PRIVATE.permits(address), "no private")));
    }

    @ParameterizedTest
    @FixtureSource("egress/host-policy-lists.json")
    void allowedAndDeniedLists(JsonObject c) {
        HostPolicy policy = Fixtures.hostPolicy(c.getJsonObject("policy"));
        assertDecision(policy, c.getString("host"), c.getString("expect"));
    }

    @Test
    void deniedAddressesAreRefusedWhenANameResolvesToThem() throws Exception {
        HostPolicy policy = new HostPolicy(true, true, List.of(), List.of("10.0.0.9", "*.blocked.example"));
        assertFalse(policy.permits(InetAddress.getByAddress(new byte[] {10, 0, 0, 9})));
        assertTrue(policy.permits(InetAddress.getByAddress(new byte[] {10, 0, 0, 8})));
    }

    @Test
    void refusalNamesTheSourceButNotThePath() {
        GatewayException e = assertGatewayError(400, "custom_host_not_allowed",
                () -> DEFAULT.checkUrl(URI.create("http://169.254.169.254/latest/meta-data/iam"), "config.custom_host"));
        assertTrue(e.getMessage().startsWith("config.custom_host is not allowed"), e.getMessage());
        assertFalse(e.getMessage().contains("/latest"), e.getMessage());
    }

    @Test
    void listsAreLowerCased() {
        HostPolicy policy = new HostPolicy(true, true, List.of("A.Example"), List.of("*.B.Example"));
        assertEquals(List.of("a.example"), policy.allowedHosts());
        assertEquals(List.of("*.b.example"), policy.deniedHosts());
    }

    private static void assertDecision(HostPolicy policy, String host, String expected) {
        URI url = URI.create("http://" + host + ":8080/v1");
        if (expected.equals("allowed")) {
            policy.checkUrl(url, SOURCE);
            return;
        }
        GatewayException e = assertGatewayError(400, "custom_host_not_allowed", () -> policy.checkUrl(url, SOURCE));
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should say '" + expected + "'");
        assertTrue(e.getMessage().startsWith(SOURCE + " is not allowed"), e.getMessage());
    }

    private static String trimDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
