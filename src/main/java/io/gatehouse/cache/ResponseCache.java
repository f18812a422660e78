package io.gatehouse.cache;

import io.gatehouse.config.ResponseCacheSettings;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.EntryUnit;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.expiry.ExpiryPolicy;
import org.ehcache.jsr107.Eh107Configuration;

/**
 * Where answers are kept: JCache through Ehcache 3 (in the WAR; the provider is named since Payara also
 * ships Hazelcast's). The store of record is off-heap, bounded by bytes ({@code cache.max-bytes}); the
 * most recently used {@code cache.max-entries} are also held on heap. Each entry expires its own
 * {@code max_age} after it was stored. Nothing survives a restart. Thread-safe.
 */
final class ResponseCache implements AutoCloseable {
    private static final String EHCACHE = "org.ehcache.jsr107.EhcacheCachingProvider";
    private static final AtomicInteger CACHES = new AtomicInteger();

    private final CacheManager manager;
    private final String name;
    private final Cache<String, CachedAnswer> cache;

    ResponseCache(ResponseCacheSettings settings) {
        ClassLoader loader = ResponseCache.class.getClassLoader();
        CachingProvider provider = Caching.getCachingProvider(EHCACHE, loader);
        this.manager = provider.getCacheManager(provider.getDefaultURI(), loader);
        this.name = "gatehouse-response-cache-" + CACHES.incrementAndGet();
        ResourcePoolsBuilder pools = ResourcePoolsBuilder.newResourcePoolsBuilder()
                .heap(settings.maxEntries(), EntryUnit.ENTRIES)
                .offheap(Math.max(1, settings.maxBytes() >> 20), MemoryUnit.MB);
        this.cache = manager.createCache(name, Eh107Configuration.fromEhcacheCacheConfiguration(
                CacheConfigurationBuilder.newCacheConfigurationBuilder(String.class, CachedAnswer.class, pools)
                        .withExpiry(new OwnMaxAge())
                        .build()));
    }

    Optional<CachedAnswer> get(String key) {
        return Optional.ofNullable(cache.get(key));
    }

    void put(String key, CachedAnswer answer) {
        cache.put(key, answer);
    }

    @Override
    public void close() {
        manager.destroyCache(name);
        if (!manager.getCacheNames().iterator().hasNext()) {
            manager.close();
        }
    }

    /** Each answer lives its own {@code max_age} from when it was stored; reading it does not extend that. */
    private static final class OwnMaxAge implements ExpiryPolicy<String, CachedAnswer> {
        @Override
        public Duration getExpiryForCreation(String key, CachedAnswer value) {
            return value.maxAge();
        }

        @Override
        public Duration getExpiryForAccess(String key, Supplier<? extends CachedAnswer> value) {
            return null; // unchanged
        }

        @Override
        public Duration getExpiryForUpdate(String key, Supplier<? extends CachedAnswer> oldValue, CachedAnswer newValue) {
            return newValue.maxAge();
        }
    }
}
