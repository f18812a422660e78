package io.gatehouse.provider;

import io.gatehouse.provider.openai.OpenAiChatMapper;
import io.gatehouse.provider.openai.OpenAiErrorMapper;

/**
 * How a canonical chat request reaches any provider — the spoke the client dialects (Anthropic Messages,
 * OpenAI Responses) use: a provider with its own API through its own mappers, an OpenAI-format provider
 * (OpenAI, the compatible family, Azure OpenAI) through OpenAI's Chat Completions format.
 */
public final class CanonicalChat {
    private static final OpenAiChatMapper OPENAI_FORMAT = new OpenAiChatMapper();

    private CanonicalChat() {
    }

    public static ChatTranslator translator(ProviderSpec provider) {
        return provider.api() instanceof TranslatingApi translating ? translating.chat() : OPENAI_FORMAT;
    }

    /** The provider's own error reader, else OpenAI's error shape. */
    public static ErrorTranslator errors(ProviderSpec provider) {
        return provider.api() instanceof TranslatesErrors translates ? translates.errors() : OpenAiErrorMapper.INSTANCE;
    }
}
