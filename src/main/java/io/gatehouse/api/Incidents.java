package io.gatehouse.api;

import io.gatehouse.error.ErrorBody;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A bug, not a client error: logged under an incident id that the client's JSON 500 names, without internals. */
public final class Incidents {
    private static final Logger LOG = Logger.getLogger(Incidents.class.getName());

    private Incidents() {
    }

    /** Logs {@code bug} under a fresh incident id; returns the JSON 500 body. */
    public static byte[] record(Throwable bug) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "incident " + incident, bug);
        return ErrorBody.of("Internal gateway error (incident " + incident + ")", "internal_error", "internal_error");
    }
}
