package io.gatehouse.cache;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The prompts semantic mode has kept answers for, per tenant: each with its exact part (model, system
 * prompt, tools, settings — see {@link CacheKeys}), its unit-length embedding and the cache key of its
 * answer. A lookup is a brute-force cosine scan of the tenant's prompts with the same exact part: at
 * {@code perTenant} prompts of 384 floats that is well under a millisecond. Bounded: at most
 * {@code perTenant} prompts per tenant (the oldest dropped first) and {@code tenants} tenants (the least
 * recently used dropped first). Thread-safe.
 */
final class SemanticIndex {
    private final int perTenant;
    private final Map<String, Deque<Prompt>> byTenant;

    /** An indexed prompt. */
    record Prompt(String exactPart, float[] vector, String answerKey) {
    }

    /** The nearest prompt found, and how similar it is. */
    record Match(String answerKey, double similarity) {
    }

    SemanticIndex(int perTenant, int tenants) {
        this.perTenant = perTenant;
        this.byTenant = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Prompt>> eldest) {
                return size() > tenants;
            }
        };
    }

    /** The most similar prompt of the tenant with the same exact part, if any reaches {@code threshold}. */
    synchronized Optional<Match> nearest(String tenant, String exactPart, float[] vector, double threshold) {
        Deque<Prompt> prompts = byTenant.get(tenant);
        if (prompts == null) {
            return Optional.empty();
        }
        Prompt best = null;
        double bestSimilarity = -2;
        for (Prompt p : prompts) {
            if (!p.exactPart().equals(exactPart)) {
                continue;
            }
            double similarity = dot(p.vector(), vector);
            if (similarity > bestSimilarity) {
                best = p;
                bestSimilarity = similarity;
            }
        }
        return best != null && bestSimilarity >= threshold ? Optional.of(new Match(best.answerKey(), bestSimilarity))
                : Optional.empty();
    }

    /** Indexes a prompt whose answer was kept under {@code answerKey} (replacing one kept under the same key). */
    synchronized void add(String tenant, Prompt prompt) {
        Deque<Prompt> prompts = byTenant.computeIfAbsent(tenant, t -> new ArrayDeque<>());
        prompts.removeIf(p -> p.answerKey().equals(prompt.answerKey()));
        prompts.addLast(prompt);
        while (prompts.size() > perTenant) {
            prompts.removeFirst();
        }
    }

    /** Forgets a prompt whose answer is no longer kept (expired or evicted). */
    synchronized void remove(String tenant, String answerKey) {
        Deque<Prompt> prompts = byTenant.get(tenant);
        if (prompts != null) {
            for (Iterator<Prompt> it = prompts.iterator(); it.hasNext(); ) {
                if (it.next().answerKey().equals(answerKey)) {
                    it.remove();
                }
            }
        }
    }

    synchronized int size(String tenant) {
        Deque<Prompt> prompts = byTenant.get(tenant);
        return prompts == null ? 0 : prompts.size();
    }

    /** Cosine similarity of two unit-length vectors. */
    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** {@code v} scaled to unit length (in place), so a dot product is the cosine. */
    static float[] unit(float[] v) {
        double norm = Math.sqrt(dot(v, v));
        if (norm > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / norm);
            }
        }
        return v;
    }
}
