package io.gatehouse;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The JAX-RS application, run by Jersey as a servlet filter on {@code /v1/*} (see web.xml): paths no
 * resource matches fall through to the catch-all proxy filter. No {@code @ApplicationPath}, or Payara
 * would register a second, servlet-based Jersey.
 */
public class GatehouseApplication extends ResourceConfig {
    /**
     * Logs, with a full stack trace at SEVERE, each response it could not finish writing because the client had
     * hung up: routine for a gateway whose clients cancel streams. The relay notes those itself (FINE).
     */
    private static final Logger JERSEY_RESPONDER = Logger.getLogger("org.glassfish.jersey.server.ServerRuntime$Responder");

    static {
        JERSEY_RESPONDER.setLevel(Level.OFF);
    }

    public GatehouseApplication() {
        packages("io.gatehouse.api");
        // Stream entities as written: Jersey otherwise holds the first 8 KiB to compute Content-Length,
        // which would delay every SSE event.
        property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 0);
        // Errors keep our JSON body instead of the container's HTML error page.
        property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Payara auto-registers its request-tracing and telemetry listeners; per request they draw a
        // SecureRandom UUID and make HK2 lookups, on locks every request queues on. The gateway times
        // itself (Server-Timing) and logs by trace id instead.
        property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE_SERVER, true);
        property(CommonProperties.METAINF_SERVICES_LOOKUP_DISABLE_SERVER, true);
        property(ServerProperties.BV_FEATURE_DISABLE, true);
    }
}
