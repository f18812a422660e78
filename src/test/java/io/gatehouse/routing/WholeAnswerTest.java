package io.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.gatehouse.upstream.HeapBudget;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WholeAnswerTest {
    private static final byte[] ANSWER = new byte[300_000];

    static {
        Arrays.fill(ANSWER, (byte) 'a');
    }

    private static byte[] relayed(FirstContent.Result result) throws IOException {
        try (InputStream body = assertInstanceOf(FirstContent.Result.Ready.class, result).stream()) {
            return body.readAllBytes();
        }
    }

    @Test
    void anAnswerWithinTheLimitsIsHeldAndItsShareGivenBackOnceRelayed() throws IOException {
        HeapBudget budget = new HeapBudget(1 << 20);
        FirstContent.Result result = WholeAnswer.read(new ByteArrayInputStream(ANSWER), 1 << 20, budget);

        assertEquals((1 << 20) - ANSWER.length, budget.free(), "held while not yet relayed");
        assertArrayEquals(ANSWER, relayed(result));
        assertEquals(1 << 20, budget.free());
    }

    @Test
    void pastItsOwnLimitTheRestOfAnAnswerIsRelayedAsItComes() throws IOException {
        HeapBudget budget = new HeapBudget(1 << 20);

        assertArrayEquals(ANSWER, relayed(WholeAnswer.read(new ByteArrayInputStream(ANSWER), 100_000, budget)));
        assertEquals(1 << 20, budget.free());
    }

    @Test
    void whenOtherCallsHoldTheBudgetAnAnswerIsRelayedUnheldNotRefused() throws IOException {
        HeapBudget spent = new HeapBudget(0);

        assertArrayEquals(ANSWER, relayed(WholeAnswer.read(new ByteArrayInputStream(ANSWER), 1 << 20, spent)));
        assertEquals(0, spent.free());
    }

    @Test
    void anAnswerDroppedUnrelayedGivesItsShareBackOnceCollected() throws InterruptedException {
        HeapBudget budget = new HeapBudget(1 << 20);
        WholeAnswer.read(new ByteArrayInputStream(ANSWER), 1 << 20, budget); // never read, never closed

        for (int i = 0; i < 100 && budget.free() != 1 << 20; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(1 << 20, budget.free());
    }

    @Test
    void aBrokenAnswerGivesBackWhatItHeld() {
        HeapBudget budget = new HeapBudget(1 << 20);
        InputStream breaksMidway = new java.io.SequenceInputStream(new ByteArrayInputStream(ANSWER), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("reset");
            }
        });

        assertInstanceOf(FirstContent.Result.Failed.class, WholeAnswer.read(breaksMidway, 1 << 20, budget));
        assertEquals(1 << 20, budget.free());
    }
}
