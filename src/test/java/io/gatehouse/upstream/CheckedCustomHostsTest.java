package io.gatehouse.upstream;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;

import io.gatehouse.egress.HostPolicy;
import org.junit.jupiter.api.Test;

class CheckedCustomHostsTest {
    private final CheckedCustomHosts hosts = new CheckedCustomHosts(HostPolicy.selfHostedDefault());

    @Test
    void allowedHostsPassEveryTime() {
        for (int i = 0; i < 3; i++) {
            hosts.check("http://127.0.0.1:8080/v1", "x-portkey-custom-host");
        }
    }

    @Test
    void refusalsAreNeverRemembered() {
        for (int i = 0; i < 3; i++) {
            assertGatewayError(400, "custom_host_not_allowed",
                    () -> hosts.check("http://169.254.169.254/v1", "x-portkey-custom-host"));
            assertGatewayError(400, "invalid_custom_host", () -> hosts.check("ftp://h/v1", "x-portkey-custom-host"));
        }
    }

    @Test
    void theMemoryIsBoundedAndStillJudgesAfterClearing() {
        for (int i = 0; i < 3000; i++) {
            hosts.check("http://10.0.0." + (i % 250) + ":" + (1000 + i) + "/v1", "h");
        }
        assertGatewayError(400, "custom_host_not_allowed", () -> hosts.check("http://[fd00:ec2::254]/v1", "h"));
    }
}
