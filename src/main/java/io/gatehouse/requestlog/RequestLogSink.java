package io.gatehouse.requestlog;

/**
 * Where the request path hands each finished request's record, once, when its answer has been written
 * (or the client left). Must return at once: it runs on the request's thread.
 */
@FunctionalInterface
public interface RequestLogSink {
    /** Keeps nothing. */
    RequestLogSink NONE = record -> { };

    void accept(RequestRecord record);
}
