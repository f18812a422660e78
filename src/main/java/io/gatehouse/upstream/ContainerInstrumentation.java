package io.gatehouse.upstream;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.Configurable;
import java.util.Map;
import org.glassfish.jersey.client.ClientConfig;

/**
 * Keeps the application server's per-call instrumentation off the upstream client. Payara forces its
 * OpenTelemetry filter onto every Jersey client ({@code ForcedAutoDiscoverable}, which no Jersey property
 * turns off). Per upstream call its request half did service-locator lookups and started a span that
 * nothing exports: about 5 % of the gateway's CPU. Jersey registers a class once and ignores the container's
 * later registration, so the filter is registered first, bound only to its response half, which returns at
 * once when no span was started. The gateway times its calls itself ({@code Server-Timing}) and carries its
 * own trace id. On a server without the class nothing is registered.
 *
 * <p>Payara's server-side listener is forced on the same way, but registering it first in the application
 * (deployed by class name from web.xml) did not keep it out of the runtime, so it stays.
 */
final class ContainerInstrumentation {
    static final String CLIENT_FILTER = "fish.payara.microprofile.telemetry.tracing.jaxrs.client.JaxrsClientRequestTelemetryFilter";

    private ContainerInstrumentation() {
    }

    static ClientConfig leaveInert(ClientConfig client) {
        return register(client, CLIENT_FILTER, Map.of(ClientResponseFilter.class, Priorities.USER));
    }

    /** Registers the class, when present, bound to these contracts only. */
    static <C extends Configurable<C>> C register(C config, String className, Map<Class<?>, Integer> contracts) {
        Class<?> type = load(className);
        return type == null ? config : config.register(type, contracts);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ContainerInstrumentation.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
