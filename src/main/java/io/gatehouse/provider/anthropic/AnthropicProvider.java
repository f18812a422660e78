package io.gatehouse.provider.anthropic;

import static io.gatehouse.provider.Capability.CHAT_COMPLETIONS;

import io.gatehouse.http.Header;
import io.gatehouse.provider.ApiTrait;
import io.gatehouse.provider.AuthScheme;
import io.gatehouse.provider.ChatTranslator;
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
 * Anthropic's Messages API ({@code POST {base}/messages}): key in {@code x-api-key}, an
 * {@code anthropic-version} header (default {@value #DEFAULT_VERSION}; the client's own
 * {@code anthropic-version} and {@code anthropic-beta} headers pass through). Chat only.
 */
public final class AnthropicProvider implements TranslatingApi {
    public static final String SLUG = "anthropic";
    public static final String BASE_URL = "https://api.anthropic.com/v1";
    public static final String DEFAULT_VERSION = "2023-06-01";
    /** Anthropic requires max_tokens; OpenAI clients often omit it. */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    private final AnthropicChatMapper chat = new AnthropicChatMapper((call, model, stream) -> messages(call));
    private final AnthropicErrorMapper errors = new AnthropicErrorMapper();

    public static ProviderSpec spec() {
        return new ProviderSpec(SLUG, BASE_URL, "", AuthScheme.X_API_KEY, EnumSet.of(CHAT_COMPLETIONS),
                Set.of("anthropic-version", "anthropic-beta"), List.of(new Header("anthropic-version", DEFAULT_VERSION)),
                new AnthropicProvider(), Set.of(ApiTrait.SERVES_MESSAGES));
    }

    static Endpoint messages(ProviderCall call) {
        return new Endpoint(URI.create(call.apiBase() + "/messages"), call.providerHeaders());
    }

    /**
     * Claude's Messages mapping with requests sent elsewhere (Vertex AI's {@code :rawPredict}); the cloud's own
     * body differences (no {@code model}, its {@code anthropic_version}) are its caller's to apply.
     */
    public static ChatTranslator chatAt(ModelEndpoint address) {
        return new AnthropicChatMapper(address);
    }

    @Override
    public ChatTranslator chat() {
        return chat;
    }

    @Override
    public ErrorTranslator errors() {
        return errors;
    }
}
