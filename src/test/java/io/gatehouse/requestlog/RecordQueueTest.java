package io.gatehouse.requestlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecordQueueTest {

    @Test
    void aFullQueueDropsAndCountsWithoutBlocking() throws InterruptedException {
        CountDownLatch writerEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        RecordQueue queue = new RecordQueue(3, 10, batch -> {
            writerEntered.countDown();
            try {
                release.await(); // a store that hangs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batch.forEach(r -> written.add(r.traceId()));
        }).start();
        try {
            queue.accept(Records.chat("first", 0));
            assertTrue(writerEntered.await(5, TimeUnit.SECONDS));
            long begin = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                queue.accept(Records.chat("r" + i, i));
            }
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            assertTrue(tookMs < 1000, "1,000 records offered to a stuck writer took " + tookMs + " ms");
            assertEquals(3, queue.pending());
            assertEquals(997, queue.dropped());
        } finally {
            release.countDown();
            queue.close();
        }
        assertEquals(List.of("first", "r0", "r1", "r2"), written);
        assertEquals(4, queue.written());
    }

    @Test
    void recordsAreWrittenInBatchesOfAtMostTheBatchSize() throws InterruptedException {
        CountDownLatch hold = new CountDownLatch(1);
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        RecordQueue queue = new RecordQueue(100, 4, batch -> {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            batchSizes.add(batch.size());
        }).start();
        queue.accept(Records.chat("first", 0));
        for (int i = 0; i < 10; i++) {
            queue.accept(Records.chat("r" + i, i));
        }
        hold.countDown();
        queue.close();
        assertEquals(11, batchSizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(batchSizes.stream().allMatch(n -> n <= 4), batchSizes.toString());
        assertEquals(0, queue.dropped());
    }

    @Test
    void aTrickleOfRecordsIsWrittenInOneBatchNotOneEach() throws InterruptedException {
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        RecordQueue queue = new RecordQueue(100, 50, batch -> batchSizes.add(batch.size())).start();
        for (int i = 0; i < 5; i++) { // 5 records over ~40 ms, well within the linger time
            queue.accept(Records.chat("r" + i, i));
            Thread.sleep(10);
        }
        Thread.sleep(RecordQueue.LINGER_MILLIS + 200);
        assertEquals(List.of(5), batchSizes);
        queue.close();
    }

    @Test
    void aFailingWriterLosesItsBatchButTheQueueGoesOn() throws InterruptedException {
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        RecordQueue queue = new RecordQueue(10, 1, batch -> {
            if (batch.get(0).traceId().equals("bad")) {
                throw new IllegalStateException("store down");
            }
            written.add(batch.get(0).traceId());
        }).start();
        queue.accept(Records.chat("bad", 0));
        queue.accept(Records.chat("good", 1));
        queue.close();
        assertEquals(List.of("good"), written);
        assertEquals(1, queue.written());
    }

    @Test
    void aClosedQueueTakesNoMore() {
        RecordQueue queue = new RecordQueue(10, 1, batch -> { }).start();
        queue.close();
        queue.accept(Records.chat("late", 0));
        assertEquals(1, queue.dropped());
        assertEquals(0, queue.pending());
    }
}
