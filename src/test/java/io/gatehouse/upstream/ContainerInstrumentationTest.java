package io.gatehouse.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.Priority;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.jersey.client.ClientConfig;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stand-in for Payara's forced client filter is discovered the way Payara's is (this test's
 * META-INF/services entry); the gateway's upstream client must not run its request half.
 */
class ContainerInstrumentationTest {
    static final AtomicInteger FILTERED = new AtomicInteger();

    /** Registered on every Jersey runtime, as Payara's telemetry discoverables are. */
    public static class ForcedByTheContainer implements ForcedAutoDiscoverable {
        @Override
        public void configure(FeatureContext context) {
            if (context.getConfiguration().getRuntimeType() == RuntimeType.CLIENT) {
                context.register(ForcedFilter.class);
            }
        }
    }

    @Priority(1)
    public static class ForcedFilter implements ClientRequestFilter, ClientResponseFilter {
        @Override
        public void filter(ClientRequestContext requestContext) {
            FILTERED.incrementAndGet();
        }

        @Override
        public void filter(ClientRequestContext requestContext, ClientResponseContext responseContext) {
        }
    }

    /** Answers every call without a network: the test is about which filters ran. */
    @Priority(Integer.MAX_VALUE)
    public static class Answer implements ClientRequestFilter {
        @Override
        public void filter(ClientRequestContext requestContext) {
            requestContext.abortWith(Response.ok("answered").build());
        }
    }

    @BeforeEach
    void reset() {
        FILTERED.set(0);
    }

    @Test
    void theClientsForcedFilterIsLeftInert() {
        assertEquals(1, callOnce(new ClientConfig()), "control: the stand-in is discovered");
        FILTERED.set(0);
        assertEquals(0, callOnce(ContainerInstrumentation.register(new ClientConfig(), ForcedFilter.class.getName(),
                Map.of(ClientResponseFilter.class, Priorities.USER))));
    }

    @Test
    void withoutTheContainersClassesNothingIsRegistered() {
        assertTrue(ContainerInstrumentation.leaveInert(new ClientConfig()).getClasses().isEmpty(),
                "Payara's classes are not on the unit-test classpath");
        assertTrue(ContainerInstrumentation.register(new ClientConfig(), "no.such.Filter", Map.of()).getClasses().isEmpty());
    }

    private static int callOnce(ClientConfig config) {
        Client client = ClientBuilder.newClient(config.register(Answer.class));
        try (Response response = client.target("http://127.0.0.1:9/").request().get()) {
            assertEquals("answered", response.readEntity(String.class));
        } finally {
            client.close();
        }
        return FILTERED.get();
    }
}
