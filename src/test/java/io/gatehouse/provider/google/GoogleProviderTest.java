package io.gatehouse.provider.google;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatehouse.error.GatewayException;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.TargetFields;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoogleProviderTest {

    private static String url(String customHost, String model) {
        ProviderCall call = new ProviderCall(GoogleProvider.spec(), "k", customHost, RequestHeaders.of(Map.of()), TargetFields.NONE);
        return GoogleProvider.modelEndpoint(call, model, "generateContent").uri().toString();
    }

    /** The model is one path segment, percent-encoded: nothing in it changes the path, adds a query or a second method. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "gemini-2.0-flash|https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:generateContent",
        "models/gemini-2.5-pro|https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent",
        "gemma-3_27b.it|https://generativelanguage.googleapis.com/v1beta/models/gemma-3_27b.it:generateContent",
        "gemini-2.0-flash+exp|https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash%2Bexp:generateContent",
        "../files|https://generativelanguage.googleapis.com/v1beta/models/..%2Ffiles:generateContent",
        "..|https://generativelanguage.googleapis.com/v1beta/models/%2E%2E:generateContent",
        "gemini/../../x|https://generativelanguage.googleapis.com/v1beta/models/gemini%2F..%2F..%2Fx:generateContent",
        "gemini?key=x|https://generativelanguage.googleapis.com/v1beta/models/gemini%3Fkey%3Dx:generateContent",
        "gemini:streamGenerateContent|https://generativelanguage.googleapis.com/v1beta/models/gemini%3AstreamGenerateContent:generateContent",
        "gemini#x|https://generativelanguage.googleapis.com/v1beta/models/gemini%23x:generateContent",
        "a b|https://generativelanguage.googleapis.com/v1beta/models/a%20b:generateContent",
        "tunedModels-é|https://generativelanguage.googleapis.com/v1beta/models/tunedModels-%C3%A9:generateContent"})
    void theModelIsEncodedAsOnePathSegment(String model, String url) {
        assertEquals(url, url(null, model));
    }

    /** A custom host replaces Portkey's base, {@code https://generativelanguage.googleapis.com}: the version follows it. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://h/p|http://h/p/v1beta/models/m:generateContent",
        "http://h/p/|http://h/p/v1beta/models/m:generateContent",
        "http://127.0.0.1:8080|http://127.0.0.1:8080/v1beta/models/m:generateContent"})
    void aCustomHostReplacesTheBaseBeforeTheVersion(String customHost, String url) {
        assertEquals(url, url(customHost, "m"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "models/"})
    void anEmptyModelNameIsRefused(String model) {
        GatewayException e = assertThrows(GatewayException.class, () -> GoogleProvider.modelName(model));
        assertEquals("invalid_model", e.code());
    }
}
