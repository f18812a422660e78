package io.gatehouse.cache;

import io.gatehouse.http.Header;
import io.gatehouse.upstream.UpstreamResponse;
import java.util.List;
import java.util.Optional;

/**
 * What the cache did for one attempt: its {@link #status()}, and either a kept answer to give instead of
 * calling the upstream ({@link #hit()}), or a live answer to keep ({@link #keeping}) once the client has it
 * whole and it proved good ({@link #keepIfComplete}). A later stage that rejects the answer (a failed
 * output guardrail) calls {@link #discard()}, and nothing is kept.
 */
public final class CacheLookup {
    private static final CacheLookup DISABLED = new CacheLookup(CacheStatus.DISABLED, null, null);

    private final CacheStatus status;
    private final CachedAnswer kept;
    private final Keeper keeper;
    private volatile CapturingBody captured;
    private volatile UpstreamResponse live;
    private volatile boolean discarded;

    CacheLookup(CacheStatus status, CachedAnswer kept, Keeper keeper) {
        this.status = status;
        this.kept = kept;
        this.keeper = keeper;
    }

    /** No cache for this attempt. */
    public static CacheLookup disabled() {
        return DISABLED;
    }

    public CacheStatus status() {
        return status;
    }

    /** The kept answer, replayed as the upstream's (no connection behind it). */
    public Optional<UpstreamResponse> hit() {
        if (kept == null) {
            return Optional.empty();
        }
        List<Header> headers = kept.contentType() == null ? List.of() : List.of(new Header("Content-Type", kept.contentType()));
        return Optional.of(UpstreamResponse.replayed(kept.status(), headers, kept.body(), kept.stream()));
    }

    /** The live answer, with its body copied as it is read when this attempt may keep it. */
    public UpstreamResponse keeping(UpstreamResponse answer) {
        if (keeper == null || answer.status() / 100 != 2) {
            return answer; // errors are never kept
        }
        live = answer;
        return answer.filteringBody(in -> {
            CapturingBody body = new CapturingBody(in, keeper.maxBytes());
            captured = body;
            return body;
        });
    }

    /** Nothing of this attempt is kept (an answer a later stage rejected). */
    public void discard() {
        discarded = true;
    }

    /**
     * Keeps the live answer when it is complete: read to its end unbroken, within the size bound, and
     * answered to the client with {@code clientStatus} 2xx (a translation that failed is not kept).
     */
    public void keepIfComplete(int clientStatus) {
        CapturingBody body = captured;
        if (keeper == null || discarded || body == null || clientStatus / 100 != 2) {
            return;
        }
        byte[] whole = body.completeAnswer();
        if (whole != null) {
            keeper.store().keep(live.status(), live.header("content-type"), whole);
        }
    }

    /** How a complete answer is kept. */
    record Keeper(int maxBytes, Store store) {
    }

    @FunctionalInterface
    interface Store {
        void keep(int status, String contentType, byte[] body);
    }
}
