package io.gatehouse.pipeline;

import static io.gatehouse.testing.GatewayAssertions.assertGatewayError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.upstream.FakeResponses;
import io.gatehouse.upstream.HeapBudget;
import io.gatehouse.usage.UsageTap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A translated JSON answer is read whole; how much of it, and of all answers at once, is bounded. */
class TranslateResponseLimitsTest {
    private static final String ANSWER = "{\"id\":\"msg_1\",\"content\":[{\"type\":\"text\",\"text\":\"" + "x".repeat(20_000) + "\"}]}";
    // The refusals come before anything is mapped, so no translator is needed.
    private static final Translation.Chat UNUSED = new Translation.Chat(null, "anthropic", null, null, null);
    private static final GatewayResponse RELAYED = new GatewayResponse(200, List.of(), out -> { });

    private static void translate(FakeResponses.Fake answer, int maxBytes, HeapBudget budget) {
        TranslateResponse.mapped(RELAYED, 200, answer.response(), answer.response()::body, UNUSED, new UsageTap(), maxBytes, budget);
    }

    @Test
    void anAnswerLargerThanTheHeapShareIsRefusedWith502AndTheUpstreamDropped() {
        FakeResponses.Fake answer = FakeResponses.json(200, ANSWER);
        HeapBudget budget = new HeapBudget(1 << 20);

        assertGatewayError(502, "upstream_answer_too_large", () -> translate(answer, 10_000, budget));
        assertTrue(answer.aborted());
        assertEquals(1 << 20, budget.free(), "what was read is given back");
    }

    @Test
    void whenOtherAnswersHoldTheBudgetTheAnswerIsRefusedWith503() {
        FakeResponses.Fake answer = FakeResponses.json(200, ANSWER);
        HeapBudget budget = new HeapBudget(3 * ANSWER.length()); // it needs four times its size while mapped

        assertGatewayError(503, "gateway_memory_busy", () -> translate(answer, 1 << 20, budget));
        assertTrue(answer.aborted());
        assertEquals(3 * ANSWER.length(), budget.free());
    }
}
