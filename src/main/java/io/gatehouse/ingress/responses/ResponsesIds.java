package io.gatehouse.ingress.responses;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Ids of the objects the gateway makes for the Responses API, in OpenAI's style ({@code resp_} and 48 hex
 * digits). They are unguessable (192 random bits): an id is all it takes to read a stored response.
 */
final class ResponsesIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ResponsesIds() {
    }

    static String response() {
        return "resp_" + random();
    }

    static String message() {
        return "msg_" + random();
    }

    static String functionCall() {
        return "fc_" + random();
    }

    /** A call id for a provider that gave its call none. */
    static String call() {
        return "call_" + random();
    }

    static String functionCallOutput() {
        return "fco_" + random();
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
