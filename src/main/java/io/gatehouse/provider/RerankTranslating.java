package io.gatehouse.provider;

/**
 * The optional part of a provider whose rerank API is not Cohere's: {@code POST /v1/rerank} bodies are
 * translated to it and its answers back to Cohere's shape. Providers without it that claim
 * {@link Capability#RERANK} take the Cohere body as it came.
 */
public interface RerankTranslating extends TranslatesErrors {
    RerankTranslator rerank();
}
