package io.gatehouse.requestlog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Request records for tests: one with every field set, and variations of it. */
final class Records {
    static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

    private Records() {
    }

    /** A priced, successful chat request at {@code T0 + seconds}. */
    static RequestRecord chat(String traceId, long seconds) {
        return new RequestRecord(T0.plusSeconds(seconds), traceId, "team-a", Map.of("env", "prod", "team", "search"),
                "/v1/chat/completions", "openai", "openai", "gpt", "gpt-4o-mini", "gpt-4o-mini-2024-07-18", 200, null,
                false, 120.5, 0.75, 110.25, null, 0, "config", 12L, 2L, 30L, 5L, new BigDecimal("0.0000123"), "MISS", null);
    }

    static RequestRecord with(RequestRecord r, String provider, String model, int status, double latencyMs, String keyName) {
        return new RequestRecord(r.timestamp(), r.traceId(), keyName, r.metadata(), r.route(), r.clientFormat(), provider,
                r.entry(), model, model, status, status >= 400 ? "upstream_error" : null, r.stream(), latencyMs,
                r.gatewayMs(), r.upstreamMs(), r.firstByteMs(), r.retries(), r.target(), r.inputTokens(),
                r.cachedInputTokens(), r.outputTokens(), r.reasoningTokens(), r.costUsd(), r.cacheStatus(), r.guardrails());
    }

    /** A refusal before routing: no provider, no usage, no cost. */
    static RequestRecord refused(String traceId, long seconds) {
        return new RequestRecord(T0.plusSeconds(seconds), traceId, "-", Map.of(), "/v1/chat/completions", "openai", null,
                null, null, null, 401, "invalid_api_key", false, 0.4, null, null, null, 0, null, null, null, null, null,
                null, null, null);
    }
}
