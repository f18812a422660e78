package io.gatehouse.upstream;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.egress.HostPolicy;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A fake DNS answers; nothing is connected to. */
class CheckedCustomHostsTest {
    private final AtomicReference<InetAddress> dnsAnswer = new AtomicReference<>(address(203, 0, 113, 5));
    private final AtomicInteger lookups = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong();
    private final CheckedCustomHosts hosts = new CheckedCustomHosts(HostPolicy.selfHostedDefault(), name -> {
        lookups.incrementAndGet();
        return new InetAddress[] {dnsAnswer.get()};
    }, clock::get);

    @Test
    void allowedHostsPassEveryTime() {
        for (int i = 0; i < 3; i++) {
            hosts.check("http://127.0.0.1:8080/v1", "x-portkey-custom-host", false);
        }
    }

    @Test
    void refusalsAreNeverRemembered() {
        for (int i = 0; i < 3; i++) {
            assertGatewayError(400, "custom_host_not_allowed",
                    () -> hosts.check("http://169.254.169.254/v1", "x-portkey-custom-host", false));
            assertGatewayError(400, "invalid_custom_host", () -> hosts.check("ftp://h/v1", "x-portkey-custom-host", false));
        }
    }

    @Test
    void whatAKeyedCallerMayReachAnOpenGatewaysClientMayNot() {
        hosts.check("http://127.0.0.1:8080/v1", "h", false);
        assertGatewayError(400, "custom_host_not_allowed", () -> hosts.check("http://127.0.0.1:8080/v1", "h", true));
    }

    @Test
    void aNameIsResolvedAgainOnceItsDecisionIsOld() {
        hosts.check("http://llm.example/v1", "h", true);
        hosts.check("http://llm.example/v1", "h", true);
        assertEquals(1, lookups.get(), "remembered for a while");
        dnsAnswer.set(address(10, 0, 0, 7));
        clock.addAndGet(TimeUnit.SECONDS.toNanos(31));
        assertGatewayError(400, "custom_host_not_allowed", () -> hosts.check("http://llm.example/v1", "h", true));
    }

    @Test
    void theMemoryIsBoundedAndStillJudgesAfterClearing() {
        for (int i = 0; i < 3000; i++) {
            hosts.check("http://10.0.0." + (i % 250) + ":" + (1000 + i) + "/v1", "h", false);
        }
        assertGatewayError(400, "custom_host_not_allowed", () -> hosts.check("http://[fd00:ec2::254]/v1", "h", false));
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
