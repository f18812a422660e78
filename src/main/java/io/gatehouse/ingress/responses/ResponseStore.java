package io.gatehouse.ingress.responses;

import io.gatehouse.access.Caller;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * ({@link ResponseStoreSettings}); nothing survives a restart. Thread-safe. Each response belongs to the
 * gateway key that created it ({@link Shelf}): other keys can neither read, continue nor delete it, and
 * each key keeps at most its share of the store. On an open gateway all callers share one shelf, and a
 * response id is a bearer secret.
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
    private final int maxEntriesPerKey;
    private final Map<String, Deque<String>> idsByOwner = new HashMap<>();

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
        this.maxEntriesPerKey = settings.maxEntriesPerKey();
    }

    /** One stored answer: the {@code response} object and the input items of its turn. */
    public record Stored(JsonObject response, JsonArray inputItems) {
    }

    /** The owner of what callers without a gateway key store (an open gateway's clients). */
    public static final String OPEN_GATEWAY = "";

    /** Whose responses a request may see: its gateway key's, or on an open gateway every keyless caller's. */
    public static String ownerOf(Caller caller) {
        return caller.key() == null ? OPEN_GATEWAY : "key:" + caller.key().name();
    }

    /**
     * One owner's part of the store: the responses it created, and only those. Another owner's id is not
     * found, exactly like an id never stored, so ids reveal nothing across keys.
     */
    public Shelf shelf(String owner) {
        return new Shelf(owner);
    }

    public final class Shelf {
        private final String owner;

        private Shelf(String owner) {
            this.owner = owner;
        }

        /**
         * Keeps a finished response with its turn's input, under the response's id; beyond the owner's share,
         * the owner's own oldest responses go.
         *
         * @return false when it is larger than an entry may be, and was not kept
         */
        public boolean put(JsonObject response, JsonArray inputItems) {
            byte[] entry = Json.object().add("owner", owner).add("response", response).add("input_items", inputItems).build()
                    .toString().getBytes(StandardCharsets.UTF_8);
            if (entry.length > maxEntryBytes) {
                LOG.info(() -> "response " + response.getString("id") + " not stored: " + entry.length + " bytes, more than "
                        + maxEntryBytes + " (responses.store.max-entry-bytes)");
                return false;
            }
            String id = response.getString("id");
            cache.put(id, entry);
            keepShare(owner, id);
            return true;
        }

        public Optional<Stored> get(String id) {
            byte[] entry = cache.get(id);
            if (entry == null) {
                return Optional.empty();
            }
            JsonObject stored = Json.parse(entry, 0, entry.length).asJsonObject();
            if (!owner.equals(stored.getString("owner", null))) {
                return Optional.empty();
            }
            return Optional.of(new Stored(stored.getJsonObject("response"), stored.getJsonArray("input_items")));
        }

        public boolean remove(String id) {
            return get(id).isPresent() && cache.remove(id);
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
    }

    /** A key's ids, oldest first; past its share the oldest are dropped. The keyless share is the whole store. */
    private void keepShare(String owner, String id) {
        if (owner.equals(OPEN_GATEWAY)) {
            return;
        }
        synchronized (idsByOwner) {
            Deque<String> ids = idsByOwner.computeIfAbsent(owner, o -> new ArrayDeque<>());
            ids.addLast(id);
            while (ids.size() > maxEntriesPerKey) {
                cache.remove(ids.removeFirst());
            }
        }
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
