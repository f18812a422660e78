package io.gatehouse.upstream;

/** Sends one request upstream and returns its answer: the {@link UpstreamClient}, or a script in tests. */
@FunctionalInterface
public interface SendUpstream {
    /** @throws io.gatehouse.error.GatewayException when no answer came (classified by {@link UpstreamFailures}) */
    UpstreamResponse send(UpstreamRequest request);
}
