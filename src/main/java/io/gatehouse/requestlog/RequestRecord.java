package io.gatehouse.requestlog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * What the request log keeps of one request, on any route, refusals included. Never a key, a secret or a
 * body: the gateway key appears by its name only.
 *
 * @param timestamp         when the request arrived
 * @param traceId           {@code x-portkey-trace-id}, as sent or generated
 * @param keyName           the gateway key's name, or {@code open} on an open gateway
 * @param metadata          {@code x-portkey-metadata} (with the key's defaults); empty when none or unparsed
 * @param route             the path called, e.g. {@code /v1/chat/completions}
 * @param clientFormat      the client's dialect: {@code openai}, {@code anthropic-messages}, {@code openai-responses}
 *                          or {@code proxy}
 * @param provider          the provider slug that answered (or was last tried), or null
 * @param entry             the catalog entry slug used, or null
 * @param modelRequested    the model the provider was asked for, or null
 * @param model             the model that answered, else the one asked for, or null
 * @param status            the HTTP status the client got
 * @param errorCode         the gateway's error code ({@code rate_limit_exceeded}, …) when it refused; null otherwise
 * @param stream            whether the answer was an event stream
 * @param latencyMs         arrival to the answer's last byte written (or the client leaving)
 * @param gatewayMs         the gateway's own time before the upstream call that answered, or null
 * @param upstreamMs        that call's time to the upstream's answer headers, or null
 * @param firstByteMs       arrival to the first body byte written, for streams; null otherwise
 * @param retries           retries made ({@code -1}: retrying gave up on a retriable answer)
 * @param target            the config target used, as a JSON path ({@code config.targets[1]} after a fallback), or null
 * @param inputTokens       input tokens (cached ones included), or null when the answer reported no usage
 * @param cachedInputTokens input tokens read from a prompt cache, or null
 * @param outputTokens      output tokens (reasoning included), or null
 * @param reasoningTokens   reasoning tokens, or null
 * @param costUsd           the request's price in US dollars, or null when unknown
 * @param cacheStatus       the answer's {@code x-portkey-cache-status} ({@code HIT}, {@code MISS}, …), or null
 * @param guardrails        the guardrail verdicts as JSON text, or null when no guardrail ran
 */
public record RequestRecord(
        Instant timestamp,
        String traceId,
        String keyName,
        Map<String, String> metadata,
        String route,
        String clientFormat,
        String provider,
        String entry,
        String modelRequested,
        String model,
        int status,
        String errorCode,
        boolean stream,
        double latencyMs,
        Double gatewayMs,
        Double upstreamMs,
        Double firstByteMs,
        int retries,
        String target,
        Long inputTokens,
        Long cachedInputTokens,
        Long outputTokens,
        Long reasoningTokens,
        BigDecimal costUsd,
        String cacheStatus,
        String guardrails) {

    public RequestRecord {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Whether the client got an error. */
    public boolean failed() {
        return status >= 400;
    }
}
