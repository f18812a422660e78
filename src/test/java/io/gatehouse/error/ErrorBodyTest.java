package io.gatehouse.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gatehouse.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorBodyTest {

    @Test
    void openAiShape() {
        assertEquals("{\"error\":{\"message\":\"Unknown provider\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"unknown_provider\"}}",
                ErrorBody.json("Unknown provider", "invalid_request_error", "unknown_provider"));
    }

    @Test
    void nullCodeIsJsonNull() {
        assertEquals(Fixtures.object("{\"error\":{\"message\":\"m\",\"type\":\"timeout_error\",\"param\":null,\"code\":null}}"),
                Fixtures.object(ErrorBody.json("m", "timeout_error", null)));
    }

    @Test
    void nullMessageIsEmpty() {
        assertEquals("", Fixtures.object(ErrorBody.json(null, "internal_error", null)).getJsonObject("error").getString("message"));
    }

    @Test
    void quotesControlCharactersAndNonAsciiStayValidJson() {
        String message = "bad \"value\"\n\t\\ caf\u00e9 \u2713 \uD83D\uDE00";
        byte[] body = ErrorBody.of(message, "invalid_request_error", "x");
        assertEquals(message, Fixtures.object(new String(body, StandardCharsets.UTF_8)).getJsonObject("error").getString("message"));
    }

    @Test
    void fromAGatewayException() {
        GatewayException e = new GatewayException(ErrorType.TIMEOUT, 408, "request_timeout",
                "Request exceeded the timeout sent in the request: 500ms", null);
        assertEquals(Fixtures.object("{\"error\":{\"message\":\"Request exceeded the timeout sent in the request: 500ms\","
                        + "\"type\":\"timeout_error\",\"param\":null,\"code\":\"request_timeout\"}}"),
                Fixtures.object(new String(ErrorBody.of(e), StandardCharsets.UTF_8)));
    }

    @Test
    void badRequestIsInvalidRequestError() {
        GatewayException e = GatewayException.badRequest("invalid_body", "m");
        assertEquals(400, e.status());
        assertEquals("invalid_request_error", e.type().wireName());
        assertEquals(Fixtures.object("{\"error\":{\"message\":\"m\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_body\"}}"),
                Fixtures.object(new String(ErrorBody.of(e), StandardCharsets.UTF_8)));
    }
}
