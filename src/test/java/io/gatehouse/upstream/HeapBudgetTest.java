package io.gatehouse.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapBudgetTest {
    @Test
    void takesOnlyWhatIsFreeAndGetsItBack() {
        HeapBudget budget = new HeapBudget(100);

        assertTrue(budget.tryTake(60));
        assertFalse(budget.tryTake(41), "41 more would go past 100");
        assertEquals(40, budget.free(), "a refused take takes nothing");
        assertTrue(budget.tryTake(40));
        budget.giveBack(100);
        assertEquals(100, budget.free());
    }
}
