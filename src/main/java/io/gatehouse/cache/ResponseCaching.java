package io.gatehouse.cache;

import io.gatehouse.access.Caller;
import io.gatehouse.config.ResponseCacheSettings;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.routing.ResolvedTarget;
import io.gatehouse.upstream.UpstreamRequest;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The response cache stage, consulted once per attempt — where the target is known, since the provider, the
 * key and the body sent differ from one target to the next. It decides what the attempt asks of the cache
 * ({@link CacheRequest}), computes its keys ({@link CacheKeys}), and gives a {@link CacheLookup}: a kept
 * answer to replay instead of calling the upstream, or a way to keep the live answer once it is complete.
 */
public final class ResponseCaching implements AutoCloseable {
    /** No cache: every answer says {@code DISABLED}. */
    public static final ResponseCaching OFF = new ResponseCaching(
            new ResponseCacheSettings(false, 1, 1, 1, java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1),
                    1, 1, 1), null, text -> {
                throw new IllegalStateException("the cache is off");
            });

    private final ResponseCacheSettings settings;
    private final ResponseCache store;
    private final PromptEmbedder embedder;
    private final SemanticIndex index;

    ResponseCaching(ResponseCacheSettings settings, ResponseCache store, PromptEmbedder embedder) {
        this.settings = settings;
        this.store = store;
        this.embedder = embedder;
        this.index = new SemanticIndex(settings.semanticPerTenant(), settings.semanticTenants());
    }

    /** The gateway's cache: Ehcache in memory, the built-in embedding model for semantic mode (loaded on first use). */
    public static ResponseCaching create(ResponseCacheSettings settings) {
        return settings.enabled() ? new ResponseCaching(settings, new ResponseCache(settings), new LocalEmbedder()) : OFF;
    }

    /**
     * The cache's part in one attempt.
     *
     * @param route      the path the client called ({@code /v1/chat/completions})
     * @param request    the request as it would go to the target
     * @param clientBody the client's JSON body (null for a route without one), for semantic mode
     * @param stream     whether the client asked for an event stream
     * @param streamsWholeAnswers whether a stream request may be answered with the same request's kept JSON
     *                   answer (the attempt's translation writes a whole answer as the client's stream)
     */
    public CacheLookup lookup(Caller caller, RequestHeaders headers, ResolvedTarget target, String route,
                              UpstreamRequest request, Supplier<JsonObject> clientBody, boolean stream,
                              boolean streamsWholeAnswers) {
        if (store == null) {
            return CacheLookup.disabled();
        }
        Optional<CacheRequest> asked = CacheRequest.of(target.cache(), headers, settings);
        if (asked.isEmpty()) {
            return CacheLookup.disabled();
        }
        CacheRequest cacheRequest = asked.get();
        String tenant = CacheKeys.tenant(caller, target);
        JsonValue upstreamBody = upstreamBody(request);
        String key = CacheKeys.exact(tenant, target, route, upstreamBody, stream);
        boolean semantic = cacheRequest.mode() == CacheMode.SEMANTIC && clientBody != null;
        SemanticPrompt prompt = semantic
                ? new SemanticPrompt(tenant, target, route, clientBody.get(), stream, cacheRequest.similarity()) : null;
        if (cacheRequest.forceRefresh()) {
            return new CacheLookup(CacheStatus.REFRESH, null, keeper(key, cacheRequest, prompt, stream));
        }
        Optional<CachedAnswer> kept = store.get(key);
        if (kept.isEmpty() && stream && streamsWholeAnswers) {
            kept = store.get(CacheKeys.exact(tenant, target, route, upstreamBody, false));
        }
        if (kept.isEmpty() && prompt != null) {
            kept = prompt.nearestAnswer();
        }
        if (kept.isPresent()) {
            return new CacheLookup(semantic ? CacheStatus.SEMANTIC_HIT : CacheStatus.HIT, kept.get(), null);
        }
        return new CacheLookup(semantic ? CacheStatus.SEMANTIC_MISS : CacheStatus.MISS, null,
                keeper(key, cacheRequest, prompt, stream));
    }

    private CacheLookup.Keeper keeper(String key, CacheRequest request, SemanticPrompt prompt, boolean stream) {
        return new CacheLookup.Keeper(settings.maxEntryBytes(), (status, contentType, body) -> {
            store.put(key, new CachedAnswer(status, contentType, body, stream, request.maxAge().toMillis()));
            if (prompt != null) {
                prompt.index(key);
            }
        });
    }

    /** A semantic-mode request: its tenant, its exact part, and its prompt's embedding (computed once, when needed). */
    private final class SemanticPrompt {
        private final String tenant;
        private final String exactPart;
        private final String text;
        private final double threshold;
        private float[] vector;

        SemanticPrompt(String tenant, ResolvedTarget target, String route, JsonObject body, boolean stream, double threshold) {
            PromptParts parts = PromptParts.of(body);
            this.threshold = threshold;
            this.tenant = tenant;
            this.exactPart = CacheKeys.semanticExactPart(tenant, target, route, parts, stream);
            this.text = parts.promptText();
        }

        Optional<CachedAnswer> nearestAnswer() {
            Optional<SemanticIndex.Match> match = index.nearest(tenant, exactPart, vector(), threshold);
            if (match.isEmpty()) {
                return Optional.empty();
            }
            Optional<CachedAnswer> answer = store.get(match.get().answerKey());
            if (answer.isEmpty()) {
                index.remove(tenant, match.get().answerKey()); // expired or evicted since
            }
            return answer;
        }

        void index(String answerKey) {
            index.add(tenant, new SemanticIndex.Prompt(exactPart, vector(), answerKey));
        }

        private synchronized float[] vector() {
            if (vector == null) {
                vector = SemanticIndex.unit(embedder.embed(text));
            }
            return vector;
        }
    }

    /** The body as the target receives it, as JSON (a body that is not JSON is taken as one string). */
    private static JsonValue upstreamBody(UpstreamRequest request) {
        if (request.body() == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            request.body().writeTo(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("an in-memory body could not be written", e);
        }
        try {
            return io.gatehouse.model.Json.parse(bytes.toByteArray(), 0, bytes.size());
        } catch (RuntimeException notJson) {
            return Json.createValue(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
