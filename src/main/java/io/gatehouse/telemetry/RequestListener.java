package io.gatehouse.telemetry;

/**
 * Told about every request once it is over: its answer written (a stream included), failed, or refused.
 * Metrics and traces listen here; so may anything else that wants one record per request (a request
 * log). Called on the request's own thread: a listener must be quick and must not throw.
 */
@FunctionalInterface
public interface RequestListener {
    void requestEnded(RequestRecord request);
}
