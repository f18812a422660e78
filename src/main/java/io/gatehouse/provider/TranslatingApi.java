package io.gatehouse.provider;

/**
 * A provider with its own API: unified (OpenAI-format) calls are translated to it and its answers back.
 * Chat is always translated; embeddings only by providers that also implement {@link EmbeddingsTranslating}.
 */
public non-sealed interface TranslatingApi extends ProviderApi, TranslatesErrors {
    ChatTranslator chat();
}
