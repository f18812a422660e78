package io.gatehouse.testing;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.error.GatewayException;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.function.Executable;

/** Assertions on the errors the gateway answers itself. */
public final class GatewayAssertions {
    private GatewayAssertions() {
    }

    /** Runs {@code call}, expects a {@link GatewayException} with this status and code, and returns it. */
    public static GatewayException assertGatewayError(int status, String code, Executable call) {
        GatewayException e = assertThrows(GatewayException.class, call);
        assertAll(
                () -> assertEquals(status, e.status(), () -> "status of: " + e.getMessage()),
                () -> assertEquals(code, e.code(), () -> "code of: " + e.getMessage()));
        return e;
    }

    /**
     * Same, with the expectation written in a fixture as
     * {@code {"status": 400, "code": "…", "messageContains": "…"}} (the last one optional).
     */
    public static GatewayException assertGatewayError(JsonObject expected, Executable call) {
        GatewayException e = assertGatewayError(expected.getInt("status"), expected.getString("code"), call);
        if (expected.containsKey("messageContains")) {
            String part = expected.getString("messageContains");
            assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
        return e;
    }
}
