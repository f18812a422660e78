package io.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {

    @Test
    void uuidsAreVersion4VariantIetfAndDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = Ids.uuid();
            UUID parsed = UUID.fromString(id);
            assertEquals(4, parsed.version(), id);
            assertEquals(2, parsed.variant(), id);
            assertEquals(id, parsed.toString());
            assertTrue(seen.add(id), "repeated " + id);
        }
    }

    @Test
    void hexHasTheAskedLengthAndAlphabet() {
        for (int n : new int[] {1, 16, 32}) {
            String h = Ids.hex(n);
            assertEquals(n, h.length());
            assertTrue(h.matches("[0-9a-f]+"), h);
        }
    }
}
