package io.gatehouse.ingress.responses;

import io.gatehouse.config.ResponseStoreSettings;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.model.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ExpiryPolicyBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.jsr107.Eh107Configuration;

/**
 * The gateway's own store of Responses API answers, for providers that keep none: JCache through Ehcache 3,
 * on the heap. Each entry is one response with its turn's input items, as UTF-8 JSON; a conversation is the
 * chain of its responses, linked by {@code previous_response_id}, so an entry stays the size of one turn.
 * Bounded in entries and entry size, entries expiring a while after their last use
 * ({@link ResponseStoreSettings}); nothing survives a restart. Thread-safe.
 */
public final class ResponseStore implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ResponseStore.class.getName());
    /** Payara also ships Hazelcast's JCache: the provider must be named. */
    private static final String EHCACHE = "org.ehcache.jsr107.EhcacheCachingProvider";
    /** A chain longer than this is not a conversation but a loop or an abuse. */
    private static final int MAX_TURNS = 10_000;
    private static final AtomicInteger CACHES = new AtomicInteger();

    private final CacheManager manager;
    private final String name;
    private final Cache<String, byte[]> cache;
    private final int maxEntryBytes;

    public ResponseStore(ResponseStoreSettings settings) {
        CachingProvider provider = Caching.getCachingProvider(EHCACHE, ResponseStore.class.getClassLoader());
        this.manager = provider.getCacheManager(provider.getDefaultURI(), ResponseStore.class.getClassLoader());
        this.name = "gatehouse-responses-" + CACHES.incrementAndGet();
        this.cache = manager.createCache(name, Eh107Configuration.fromEhcacheCacheConfiguration(
                CacheConfigurationBuilder.newCacheConfigurationBuilder(String.class, byte[].class,
                                ResourcePoolsBuilder.heap(settings.maxEntries()))
                        .withExpiry(ExpiryPolicyBuilder.timeToIdleExpiration(settings.ttl()))
                        .build()));
        this.maxEntryBytes = settings.maxEntryBytes();
    }

    /** One stored answer: the {@code response} object and the input items of its turn. */
    public record Stored(JsonObject response, JsonArray inputItems) {
    }

    /**
     * Keeps a finished response with its turn's input, under the response's id.
     *
     * @return false when it is larger than an entry may be, and was not kept
     */
    public boolean put(JsonObject response, JsonArray inputItems) {
        byte[] entry = Json.object().add("response", response).add("input_items", inputItems).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        if (entry.length > maxEntryBytes) {
            LOG.info(() -> "response " + response.getString("id") + " not stored: " + entry.length + " bytes, more than "
                    + maxEntryBytes + " (responses.store.max-entry-bytes)");
            return false;
        }
        cache.put(response.getString("id"), entry);
        return true;
    }

    public Optional<Stored> get(String id) {
        byte[] entry = cache.get(id);
        if (entry == null) {
            return Optional.empty();
        }
        JsonObject stored = Json.parse(entry, 0, entry.length).asJsonObject();
        return Optional.of(new Stored(stored.getJsonObject("response"), stored.getJsonArray("input_items")));
    }

    public boolean remove(String id) {
        return cache.remove(id);
    }

    /**
     * The conversation a new turn continues: every earlier turn's input and output items, oldest first,
     * found by following {@code previous_response_id} back from {@code previousId}. Instructions are not
     * carried over (as in OpenAI's API).
     *
     * @throws GatewayException 400 when a response of the chain is not (or no longer) stored
     */
    public List<JsonObject> conversation(String previousId) {
        Deque<Stored> turns = new ArrayDeque<>();
        String id = previousId;
        while (id != null) {
            String missing = id;
            Stored turn = get(id).orElseThrow(() -> notFound(missing, previousId));
            turns.push(turn);
            if (turns.size() > MAX_TURNS) {
                throw GatewayException.badRequest("invalid_previous_response", "The conversation of '" + previousId
                        + "' has more than " + MAX_TURNS + " turns");
            }
            id = Json.string(turn.response(), "previous_response_id");
        }
        List<JsonObject> items = new ArrayList<>();
        for (Stored turn : turns) {
            turn.inputItems().forEach(item -> items.add(item.asJsonObject()));
            for (JsonValue item : turn.response().getJsonArray("output")) {
                items.add(item.asJsonObject());
            }
        }
        return items;
    }

    private static GatewayException notFound(String missing, String previousId) {
        String message = missing.equals(previousId)
                ? "Previous response with id '" + previousId + "' not found."
                : "Previous response with id '" + previousId + "' continues '" + missing + "', which is no longer stored.";
        return new GatewayException(ErrorType.INVALID_REQUEST, 400, "previous_response_not_found", message, null);
    }

    @Override
    public void close() {
        manager.destroyCache(name);
        if (!manager.getCacheNames().iterator().hasNext()) {
            manager.close(); // the application's last store: release the manager with it
        }
    }
}
