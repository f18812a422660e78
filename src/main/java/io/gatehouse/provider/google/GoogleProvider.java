package io.gatehouse.provider.google;

import static io.gatehouse.provider.Capability.CHAT_COMPLETIONS;
import static io.gatehouse.provider.Capability.EMBEDDINGS;

import io.gatehouse.error.GatewayException;
import io.gatehouse.provider.AuthScheme;
import io.gatehouse.provider.ChatTranslator;
import io.gatehouse.provider.EmbeddingsTranslating;
import io.gatehouse.provider.EmbeddingsTranslator;
import io.gatehouse.provider.Endpoint;
import io.gatehouse.provider.ErrorTranslator;
import io.gatehouse.provider.ProviderCall;
import io.gatehouse.provider.ProviderSpec;
import io.gatehouse.provider.TranslatingApi;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Gemini API ({@code {base}/models/{model}:generateContent}, {@code :streamGenerateContent?alt=sse},
 * {@code :embedContent}, {@code :batchEmbedContents}). The key goes in {@code x-goog-api-key}, never in
 * the query string, so it cannot end up in access logs.
 */
public final class GoogleProvider implements TranslatingApi, EmbeddingsTranslating {
    public static final String SLUG = "google";
    public static final String BASE_URL = "https://generativelanguage.googleapis.com/v1beta";
    /** The model name becomes a path segment: nothing that could change the path or add a query. */
    private static final Pattern MODEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final GoogleChatMapper chat = new GoogleChatMapper();
    private final GoogleEmbeddingsMapper embeddings = new GoogleEmbeddingsMapper();
    private final GoogleErrorMapper errors = new GoogleErrorMapper();

    public static ProviderSpec spec() {
        return new ProviderSpec(SLUG, BASE_URL, "", AuthScheme.GOOG_API_KEY, EnumSet.of(CHAT_COMPLETIONS, EMBEDDINGS),
                Set.of(), List.of(), new GoogleProvider(), Set.of());
    }

    /** {@code {base}/models/{model}:{method}}; {@code models/} in the client's model name is accepted. */
    static Endpoint modelEndpoint(ProviderCall call, String model, String methodAndQuery) {
        return new Endpoint(URI.create(call.apiBase() + "/models/" + modelName(model) + ":" + methodAndQuery),
                call.providerHeaders());
    }

    static String modelName(String model) {
        String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
        if (!MODEL_NAME.matcher(name).matches()) {
            throw GatewayException.badRequest("invalid_model",
                    "Model '" + model + "' is not a valid Gemini model name (letters, digits, '.', '_', '-')");
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
