package io.gatehouse.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The per-tenant cosine index: nearest above the threshold, within one tenant and exact part, bounded. */
class SemanticIndexTest {
    @Test
    void theNearestPromptAboveTheThresholdWins() {
        SemanticIndex index = new SemanticIndex(10, 10);
        index.add("t", new SemanticIndex.Prompt("x", v(1, 0, 0), "a"));
        index.add("t", new SemanticIndex.Prompt("x", v(0.9f, 0.1f, 0), "b"));
        index.add("t", new SemanticIndex.Prompt("x", v(0, 1, 0), "c"));
        SemanticIndex.Match match = index.nearest("t", "x", v(1, 0.01f, 0), 0.95).orElseThrow();
        assertEquals("a", match.answerKey());
        assertTrue(match.similarity() > 0.99);
        assertEquals(Optional.empty(), index.nearest("t", "x", v(0, 0, 1), 0.95));
    }

    @Test
    void anotherTenantOrExactPartIsNeverAMatch() {
        SemanticIndex index = new SemanticIndex(10, 10);
        index.add("t1", new SemanticIndex.Prompt("x", v(1, 0, 0), "a"));
        assertEquals(Optional.empty(), index.nearest("t2", "x", v(1, 0, 0), 0.5));
        assertEquals(Optional.empty(), index.nearest("t1", "y", v(1, 0, 0), 0.5));
    }

    @Test
    void eachTenantKeepsItsNewestPromptsAndTheIndexItsRecentTenants() {
        SemanticIndex index = new SemanticIndex(2, 2);
        index.add("t", new SemanticIndex.Prompt("x", v(1, 0, 0), "old"));
        index.add("t", new SemanticIndex.Prompt("x", v(0, 1, 0), "mid"));
        index.add("t", new SemanticIndex.Prompt("x", v(0, 0, 1), "new"));
        assertEquals(2, index.size("t"));
        assertEquals(Optional.empty(), index.nearest("t", "x", v(1, 0, 0), 0.9));
        index.add("u", new SemanticIndex.Prompt("x", v(1, 0, 0), "u1"));
        index.add("w", new SemanticIndex.Prompt("x", v(1, 0, 0), "w1"));
        assertEquals(0, index.size("t"), "the least recently used tenant went");
    }

    @Test
    void aPromptKeptAgainUnderTheSameKeyReplacesItsEntry() {
        SemanticIndex index = new SemanticIndex(10, 10);
        index.add("t", new SemanticIndex.Prompt("x", v(1, 0, 0), "a"));
        index.add("t", new SemanticIndex.Prompt("x", v(1, 0, 0), "a"));
        assertEquals(1, index.size("t"));
        index.remove("t", "a");
        assertEquals(0, index.size("t"));
    }

    @Test
    void aFullTenantIsScannedInAFewMilliseconds() {
        int prompts = 2_000;
        SemanticIndex index = new SemanticIndex(prompts, 1);
        Random random = new Random(1);
        for (int i = 0; i < prompts; i++) {
            index.add("t", new SemanticIndex.Prompt("x", random(random), "k" + i));
        }
        float[] query = random(random);
        for (int i = 0; i < 200; i++) {
            index.nearest("t", "x", query, 0.95); // warm up
        }
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            index.nearest("t", "x", query, 0.95);
        }
        long micros = (System.nanoTime() - start) / 100 / 1000;
        System.out.println("SemanticIndexTest: one scan of a full tenant (" + prompts + " prompts, 384 dimensions): " + micros + " µs");
        assertTrue(micros < 20_000, "one scan of " + prompts + " prompts took " + micros + " µs");
    }

    private static float[] random(Random random) {
        float[] v = new float[384];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return SemanticIndex.unit(v);
    }

    private static float[] v(float... values) {
        return SemanticIndex.unit(values.clone());
    }
}
