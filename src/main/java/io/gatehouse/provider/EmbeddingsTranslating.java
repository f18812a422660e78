package io.gatehouse.provider;

/** The optional part of a {@link TranslatingApi}: it also serves embeddings. */
public interface EmbeddingsTranslating {
    EmbeddingsTranslator embeddings();
}
