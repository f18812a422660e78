package io.gatehouse.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gatehouse.model.Usage;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cost per request from usage and prices per million tokens, cached input priced apart. */
class CostTest {
    private static final Price GPT_4O = new Price(new BigDecimal("2.50"), new BigDecimal("1.25"), new BigDecimal("10.00"));

    @Test
    void uncachedCachedAndOutputTokensEachAtTheirPrice() {
        // 800 uncached × 2.50 + 200 cached × 1.25 + 500 output × 10.00, per million
        assertEquals(0, new BigDecimal("0.00725").compareTo(GPT_4O.cost(new Usage(1000, 500, 1500, 200, null))));
    }

    @Test
    void reasoningTokensArePricedAsOutputBecauseOutputIncludesThem() {
        assertEquals(0, new BigDecimal("0.01").compareTo(GPT_4O.cost(new Usage(0, 1000, 1000, null, 600))));
    }

    @Test
    void withoutACachedPriceCachedTokensCostAsInput() {
        Price p = Price.of(new io.gatehouse.config.PriceConfig(new BigDecimal("1"), null, new BigDecimal("2")));
        assertEquals(0, new BigDecimal("0.000003").compareTo(p.cost(new Usage(3, 0, 3, 3, null))));
    }

    @Test
    void largeCountsStayExact() {
        BigDecimal cost = GPT_4O.cost(new Usage(Integer.MAX_VALUE, Integer.MAX_VALUE, -2, null, null));
        assertEquals(0, new BigDecimal("26843.5455875").compareTo(cost));
    }

    @Test
    void datedSnapshotsArePricedAsTheirBaseModelUnlessListed() {
        Pricing pricing = new Pricing(Map.of("openai", Map.of("gpt-4o", GPT_4O,
                        "gpt-4o-2024-05-13", new Price(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE)),
                "anthropic", Map.of("claude-sonnet-4", GPT_4O)));
        assertEquals(GPT_4O, pricing.find("openai", "gpt-4o-2024-08-06").orElseThrow());
        assertEquals(BigDecimal.ONE, pricing.find("openai", "gpt-4o-2024-05-13").orElseThrow().input());
        assertEquals(GPT_4O, pricing.find("anthropic", "claude-sonnet-4-20250514").orElseThrow());
        assertTrue(pricing.find("openai", "gpt-4o-mini").isEmpty());
        assertTrue(pricing.find("groq", "gpt-4o").isEmpty(), "prices are per provider");
    }
}
