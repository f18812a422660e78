package io.gatehouse.cache;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.logging.Logger;

/**
 * The built-in sentence embedder: all-MiniLM-L6-v2 (quantized, 384 dimensions) run in-process by ONNX
 * Runtime, from LangChain4j's jar — no provider, nothing sent out. Loaded the first time semantic mode is
 * used (a few seconds, then about 20 ms per prompt on one core), so a gateway that never uses it never pays.
 */
final class LocalEmbedder implements PromptEmbedder {
    private static final Logger LOG = Logger.getLogger(LocalEmbedder.class.getName());

    private volatile EmbeddingModel model;

    @Override
    public float[] embed(String text) {
        return model().embed(text).content().vector();
    }

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    long start = System.nanoTime();
                    m = new AllMiniLmL6V2QuantizedEmbeddingModel();
                    model = m;
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    LOG.info(() -> "semantic cache: embedding model all-MiniLM-L6-v2 (quantized) loaded in " + millis + " ms");
                }
            }
        }
        return m;
    }
}
