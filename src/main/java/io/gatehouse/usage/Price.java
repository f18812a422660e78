package io.gatehouse.usage;

import io.gatehouse.config.PriceConfig;
import io.gatehouse.model.Usage;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * One model's price, US dollars per million tokens.
 *
 * @param input       uncached input tokens
 * @param cachedInput cached input tokens ({@code prompt_tokens_details.cached_tokens}); equal to {@code input}
 *                    when the provider prices them alike
 * @param output      output tokens, reasoning tokens included
 */
public record Price(BigDecimal input, BigDecimal cachedInput, BigDecimal output) {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public static Price of(PriceConfig config) {
        return new Price(config.input(), config.cachedInput() != null ? config.cachedInput() : config.input(), config.output());
    }

    /**
     * What {@code usage} costs in US dollars: uncached input, cached input and output each at their price.
     * Prompt tokens include the cached ones (OpenAI's convention, which the gateway's usage follows).
     */
    public BigDecimal cost(Usage usage) {
        long cached = usage.cachedTokens() == null ? 0 : Math.min(usage.cachedTokens(), usage.promptTokens());
        long uncached = usage.promptTokens() - cached;
        BigDecimal perMillion = input.multiply(BigDecimal.valueOf(uncached))
                .add(cachedInput.multiply(BigDecimal.valueOf(cached)))
                .add(output.multiply(BigDecimal.valueOf(usage.completionTokens())));
        return perMillion.divide(MILLION, MathContext.DECIMAL64);
    }
}
