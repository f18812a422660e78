package io.gatehouse.config;

import java.time.Duration;

/**
 * The gateway's store of Responses API answers from providers that do not keep them (everyone but OpenAI
 * and Azure OpenAI), so {@code previous_response_id}, retrieval and deletion work there too. In memory,
 * bounded: at most {@code maxEntries} responses of at most {@code maxEntryBytes} each (a larger one is
 * answered but not kept), each dropped {@code ttl} after it was last used.
 *
 * @param maxEntries    responses kept at most; beyond, Ehcache evicts little-used ones
 * @param ttl           how long a response is kept after it was last written or read (continuing a
 *                      conversation reads every turn of it, so a conversation in use stays)
 * @param maxEntryBytes the largest response (with its turn's input, as UTF-8 JSON) that is kept
 * @param maxEntriesPerKey responses one gateway key keeps at most: beyond, its own oldest go, so no key can
 *                      evict the others' conversations
 */
public record ResponseStoreSettings(int maxEntries, Duration ttl, int maxEntryBytes, int maxEntriesPerKey) {
    public static final ResponseStoreSettings DEFAULTS = new ResponseStoreSettings(1000, Duration.ofMinutes(60), 256 * 1024, 250);

    /** No share per key beyond the whole store. */
    public ResponseStoreSettings(int maxEntries, Duration ttl, int maxEntryBytes) {
        this(maxEntries, ttl, maxEntryBytes, maxEntries);
    }
}
