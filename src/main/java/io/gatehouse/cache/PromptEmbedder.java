package io.gatehouse.cache;

/** Turns a prompt's text into a vector; similar meanings give vectors with a high cosine similarity. */
@FunctionalInterface
public interface PromptEmbedder {
    float[] embed(String text);
}
