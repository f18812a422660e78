package io.gatehouse.telemetry;

/**
 * One attempt at a target: where it went and what came back.
 *
 * @param provider      the provider's slug
 * @param model         the model the provider was asked for, or null when unknown (proxied paths)
 * @param optionPath    the target's place in the routing config ({@code config.targets[1]}): a change of it
 *                      between attempts is a fallback, the same one again a retry
 * @param serverAddress the upstream host
 * @param startEpochNanos when it was sent, nanoseconds since the epoch
 * @param durationNanos how long until its answer's headers (or its failure)
 * @param status        the upstream's status, or 0 when no answer came
 * @param errorType     why it failed (the upstream status, or the gateway's error code), or null
 */
public record AttemptRecord(String provider, String model, String optionPath, String serverAddress,
                            long startEpochNanos, long durationNanos, int status, String errorType) {
}
