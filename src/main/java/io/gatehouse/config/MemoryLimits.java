package io.gatehouse.config;

/**
 * What one call may hold in memory, sized to the heap so that a few large requests or answers cannot fill it.
 * Each limit is a share of the maximum heap, capped by a fixed value that is plenty for real traffic.
 *
 * @param requestBodyBytes   largest JSON body a unified route reads (it is parsed and mapped, so copied a few
 *                           times); the configured {@code request.max-body-bytes} caps it further
 * @param answerBytes        largest answer the gateway reads whole to translate, and most text a translated
 *                           Responses stream collects for its final event
 * @param sseEventBytes      largest single server-sent event the gateway buffers
 * @param heldAnswerBytes    how much of a non-streamed answer is held before it counts as complete; the rest is
 *                           relayed as it comes
 * @param allAnswersBytes    what all answers held at once may take together; past it an answer is not held
 *                           (relayed as it comes) and one that must be translated is refused with a 503
 */
public record MemoryLimits(long requestBodyBytes, int answerBytes, int sseEventBytes, int heldAnswerBytes,
                           long allAnswersBytes) {
    private static final long MIB = 1024 * 1024;

    /** This JVM's limits, computed once: the heap is shared by every deployment and call in it. */
    public static final MemoryLimits OF_THIS_HEAP = forHeap(Runtime.getRuntime().maxMemory());

    /** The limits for a heap of {@code maxHeapBytes}; each is at least 1 MiB however small the heap. */
    public static MemoryLimits forHeap(long maxHeapBytes) {
        return new MemoryLimits(
                share(maxHeapBytes, 16, 50 * MIB),
                (int) share(maxHeapBytes, 16, 128 * MIB),
                (int) share(maxHeapBytes, 32, 64 * MIB),
                (int) share(maxHeapBytes, 32, 32 * MIB),
                share(maxHeapBytes, 4, Long.MAX_VALUE));
    }

    private static long share(long heap, int divisor, long cap) {
        return Math.max(MIB, Math.min(cap, heap / divisor));
    }
}
