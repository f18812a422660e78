package io.gatehouse.provider.google;

import static io.gatehouse.provider.Capability.CHAT_COMPLETIONS;
import static io.gatehouse.provider.Capability.EMBEDDINGS;

import io.gatehouse.error.GatewayException;
import io.gatehouse.http.UrlText;
import io.gatehouse.provider.AuthScheme;
import io.gatehouse.provider.ChatTranslator;
import io.gatehouse.provider.EmbeddingsTranslating;
import io.gatehouse.provider.EmbeddingsTranslator;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.ErrorTranslator;
import io.gatehouse.provider.ModelEndpoint;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.provider.TranslatingApi;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The Gemini API ({@code {base}/v1beta/models/{model}:generateContent}, {@code :streamGenerateContent?alt=sse},
 * {@code :embedContent}, {@code :batchEmbedContents}). The key goes in {@code x-goog-api-key}, never in
 * the query string, so it cannot end up in access logs.
 */
public final class GoogleProvider implements TranslatingApi, EmbeddingsTranslating {
    public static final String SLUG = "google";
    /** Portkey's base, which a custom host replaces: the API version is part of the endpoint ({@value #VERSION}). */
    public static final String BASE_URL = "https://generativelanguage.googleapis.com";
    public static final String VERSION = "/v1beta";
    private static final int MAX_MODEL_NAME = 256;

    private final GoogleChatMapper chat = new GoogleChatMapper(GoogleProvider::generateContent);
    private final GoogleEmbeddingsMapper embeddings = new GoogleEmbeddingsMapper();
    private final GoogleErrorMapper errors = new GoogleErrorMapper();

    public static ProviderSpec spec() {
        return new ProviderSpec(SLUG, BASE_URL, VERSION, AuthScheme.GOOG_API_KEY, EnumSet.of(CHAT_COMPLETIONS, EMBEDDINGS),
                Set.of(), List.of(), new GoogleProvider(), Set.of());
    }

    /** {@code {base}/v1beta/models/{model}:{method}}; {@code models/} in the client's model name is accepted. */
    static Endpoint modelEndpoint(ProviderCall call, String model, String methodAndQuery) {
        return new Endpoint(URI.create(call.apiBase() + "/models/" + UrlText.pathSegment(modelName(model)) + ":" + methodAndQuery),
                call.providerHeaders());
    }

    /** {@code :generateContent}, or {@code :streamGenerateContent?alt=sse} for a stream. */
    static Endpoint generateContent(ProviderCall call, String model, boolean stream) {
        return modelEndpoint(call, model, stream ? "streamGenerateContent?alt=sse" : "generateContent");
    }

    /** Gemini chat served at another address (Vertex AI's {@code publishers/google/models/…}): the same mapping. */
    public static ChatTranslator chatAt(ModelEndpoint address) {
        return new GoogleChatMapper(address);
    }

    /**
     * The model's name without a leading {@code models/}: any characters (a tuned model's, {@code gemini-2.0-flash+exp});
     * in a URL it is percent-encoded as one path segment, so it cannot change the URL's structure.
     */
    static String modelName(String model) {
        String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
        if (name.isEmpty() || name.length() > MAX_MODEL_NAME) {
            throw GatewayException.badRequest("invalid_model",
                    "Model '" + model + "' is not a Gemini model name (1 to " + MAX_MODEL_NAME + " characters)");
        }
        return name;
    }

    @Override
    public ChatTranslator chat() {
        return chat;
    }

    @Override
    public EmbeddingsTranslator embeddings() {
        return embeddings;
    }

    @Override
    public ErrorTranslator errors() {
        return errors;
    }

}
