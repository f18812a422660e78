package io.gatehouse.limits;

import java.io.Serializable;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;
import javax.cache.spi.CachingProvider;

/**
 * {@link Counters} in a JCache cache, updated with entry processors ({@link Cache#invoke}) so each update is
 * atomic. Locally the cache is Ehcache's (packaged in the WAR and named explicitly: Payara also offers
 * Hazelcast's JCache); keys, values and processors are serializable, so a clustered JCache provider can
 * hold the same counters unchanged. One entry per counter name: the window travels in the value.
 */
public final class JCacheCounters implements Counters, AutoCloseable {
    public static final String EHCACHE = "org.ehcache.jsr107.EhcacheCachingProvider";
    static final String CACHE_NAME = "gatehouse-limit-counters";

    private final CacheManager manager;
    private final Cache<String, WindowCount> cache;

    private JCacheCounters(CacheManager manager, Cache<String, WindowCount> cache) {
        this.manager = manager;
        this.cache = cache;
    }

    /** Counters in a cache of the named JCache provider (Ehcache's unless told otherwise). */
    public static JCacheCounters create(String providerClass) {
        return create(providerClass, CACHE_NAME);
    }

    static JCacheCounters create(String providerClass, String cacheName) {
        ClassLoader loader = JCacheCounters.class.getClassLoader();
        CachingProvider provider = Caching.getCachingProvider(providerClass, loader);
        CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), loader);
        Cache<String, WindowCount> cache = manager.getCache(cacheName, String.class, WindowCount.class);
        if (cache == null) {
            cache = manager.createCache(cacheName, new MutableConfiguration<String, WindowCount>()
                    .setTypes(String.class, WindowCount.class)
                    .setStoreByValue(false)); // values are immutable records
        }
        return new JCacheCounters(manager, cache);
    }

    /** A count and the window it belongs to; immutable. */
    public record WindowCount(long windowStart, long count) implements Serializable {
        private static final long serialVersionUID = 1L;

        long countIn(long window) {
            return windowStart == window ? count : 0;
        }
    }

    @Override
    public long get(String name, long windowStart) {
        WindowCount current = cache.get(name);
        return current == null ? 0 : current.countIn(windowStart);
    }

    @Override
    public long add(String name, long windowStart, long delta) {
        return cache.invoke(name, new Add(), windowStart, delta, Long.MAX_VALUE);
    }

    @Override
    public long addUpTo(String name, long windowStart, long delta, long limit) {
        return cache.invoke(name, new Add(), windowStart, delta, limit);
    }

    /** Closes the cache manager: the counters go (locally) with the deployment. */
    @Override
    public void close() {
        manager.close();
    }

    /** Adds to the count of the current window (arguments: window start, delta, limit); -1 past the limit. */
    static final class Add implements EntryProcessor<String, WindowCount, Long>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(MutableEntry<String, WindowCount> entry, Object... arguments) {
            long window = (Long) arguments[0];
            long delta = (Long) arguments[1];
            long limit = (Long) arguments[2];
            long current = entry.exists() ? entry.getValue().countIn(window) : 0;
            long next = current + delta;
            if (next > limit) {
                return -1L;
            }
            entry.setValue(new WindowCount(window, next));
            return next;
        }
    }
}
