package io.gatehouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hooks merged from a gateway key, a config and a catalog entry: a side one of them leaves unset counts as none. */
class HooksTest {
    private static final HookConfig HOOK = new HookConfig("h", HookConfig.Type.GUARDRAIL, List.of(), true, false, false, null, null);

    @Test
    void mergingSetsBothSidesWhateverEachPartSet() {
        Hooks inputOnly = new Hooks(List.of(HOOK), null);
        assertEquals(new Hooks(List.of(HOOK), List.of()), inputOnly.plus(Hooks.NONE));
        assertEquals(new Hooks(List.of(), List.of(HOOK)), Hooks.NONE.plus(new Hooks(null, List.of(HOOK))));
        assertEquals(new Hooks(List.of(HOOK, HOOK), List.of(HOOK)), inputOnly.plus(new Hooks(List.of(HOOK), List.of(HOOK))));
    }

    @Test
    void aChildReplacesOnlyTheSidesItSets() {
        Hooks parent = new Hooks(List.of(HOOK), List.of(HOOK));
        Hooks child = new Hooks(List.of(), null);
        assertEquals(new Hooks(List.of(), List.of(HOOK)), parent.inherit(child));
        assertNull(new Hooks(null, null).before());
    }
}
