package io.gatehouse.provider.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatehouse.error.GatewayException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoogleProviderTest {

    /** The model is a path segment: nothing in it may change the path, add a query or a second method. */
    @ParameterizedTest
    @ValueSource(strings = {"../files", "gemini/../../x", "gemini?key=x", "gemini:streamGenerateContent", "gemini#x", "a b", "", "models/"})
    void modelNamesThatCouldRewriteTheUrlAreRefused(String model) {
        GatewayException e = assertThrows(GatewayException.class, () -> GoogleProvider.modelName(model));
        assertEquals("invalid_model", e.code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gemini-2.0-flash", "models/gemini-2.5-pro", "gemini-2.0-flash-001", "text-embedding-004", "gemma-3_27b.it"})
    void documentedModelNamesAreAccepted(String model) {
        assertEquals(model.replace("models/", ""), GoogleProvider.modelName(model));
    }
}
