package io.gatehouse.upstream;

import io.gatehouse.http.Header;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * An upstream answer whose body has not been read yet. Exactly one of {@link #close()} (body read to
 * its end: the connection goes back to the pool) or {@link #abort()} (anything else: the connection is
 * torn down, which also cancels the upstream's work) must end it. An answer replayed from the response
 * cache ({@link #replayed}) has no connection behind it.
 */
public final class UpstreamResponse implements AutoCloseable {
    private final Response response;
    private final AbortSwitch abortSwitch;
    private final int status;
    private final List<Header> headers;
    private final byte[] replayedBody;
    private final boolean replayedStream;
    private final UnaryOperator<InputStream> bodyFilter;
    /** The body when the gateway already read it (or made it): replayed instead of the connection's. */
    private final InputStream heldBody;

    UpstreamResponse(Response response, AbortSwitch abortSwitch) {
        this(response, abortSwitch, response.getStatus(), headersOf(response), null, false, UnaryOperator.identity(), null);
    }

    private UpstreamResponse(Response response, AbortSwitch abortSwitch, int status, List<Header> headers,
                             byte[] replayedBody, boolean replayedStream, UnaryOperator<InputStream> bodyFilter,
                             InputStream heldBody) {
        this.response = response;
        this.abortSwitch = abortSwitch;
        this.status = status;
        this.headers = headers;
        this.replayedBody = replayedBody;
        this.replayedStream = replayedStream;
        this.bodyFilter = bodyFilter;
        this.heldBody = heldBody;
    }

    /**
     * An answer kept earlier, given again without any upstream call.
     *
     * @param stream whether it was kept from an event stream (else it is a whole answer)
     */
    public static UpstreamResponse replayed(int status, List<Header> headers, byte[] body, boolean stream) {
        return new UpstreamResponse(null, null, status, List.copyOf(headers), body, stream, UnaryOperator.identity(), null);
    }

    /** A whole (not streamed) answer kept earlier, which a stream request may be given in its own events. */
    public boolean isReplayedWholeAnswer() {
        return replayedBody != null && !replayedStream;
    }

    /** The same answer, its body read through {@code filter} (which sees every byte the relay reads). */
    public UpstreamResponse filteringBody(UnaryOperator<InputStream> filter) {
        return new UpstreamResponse(response, abortSwitch, status, headers, replayedBody, replayedStream,
                in -> filter.apply(bodyFilter.apply(in)), heldBody);
    }

    private static List<Header> headersOf(Response response) {
        List<Header> list = new ArrayList<>();
        response.getStringHeaders().forEach((name, values) -> values.forEach(v -> list.add(new Header(name, v))));
        return List.copyOf(list);
    }

    /**
     * This answer with an AWS event-stream body ({@value AwsEventStreamAsSse#CONTENT_TYPE}) read as
     * Server-Sent Events, typed {@code text/event-stream}; any other answer as it is.
     */
    public UpstreamResponse awsEventStreamAsSse() {
        String type = header("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(AwsEventStreamAsSse.CONTENT_TYPE)) {
            return this;
        }
        List<Header> list = new ArrayList<>();
        for (Header h : headers) {
            list.add(h.name().equalsIgnoreCase("content-type") ? new Header(h.name(), "text/event-stream") : h);
        }
        return new UpstreamResponse(response, abortSwitch, status, List.copyOf(list), replayedBody, replayedStream,
                in -> new AwsEventStreamAsSse(bodyFilter.apply(in)), heldBody);
    }

    /**
     * The same answer (status, headers, connection) whose body is {@code body}: what the gateway read of
     * it, replayed as read (the filters it was read through do not apply again), or a stream that fails as reading it did.
     */
    public UpstreamResponse withBody(InputStream body) {
        return new UpstreamResponse(response, abortSwitch, status, headers, null, false, UnaryOperator.identity(), body);
    }

    /** An answer the gateway gives itself in place of an upstream's (a guardrail withheld it): no connection. */
    public static UpstreamResponse local(int status) {
        return new UpstreamResponse(Response.status(status).build(), new AbortSwitch());
    }

    public int status() {
        return status;
    }

    public List<Header> headers() {
        return headers;
    }

    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    /** The body length the upstream declared, or -1 (chunked, or not a length). */
    public long contentLength() {
        return Header.contentLength(header("content-length"));
    }

    public boolean isEventStream() {
        String type = header("content-type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /**
     * The body, read once. Its failures are {@link java.io.IOException}s, including a connection that broke
     * before the body's first byte (which the JAX-RS client reports, unchecked, while opening it).
     */
    public InputStream body() {
        if (heldBody != null) {
            return bodyFilter.apply(heldBody);
        }
        if (replayedBody != null) {
            return bodyFilter.apply(new ByteArrayInputStream(replayedBody));
        }
        try {
            return bodyFilter.apply(response.hasEntity()
                    ? new UpstreamBody(response.readEntity(InputStream.class)) : InputStream.nullInputStream());
        } catch (ProcessingException e) {
            return UpstreamBody.broken(e);
        }
    }

    /** Tears the connection down: the upstream sees the request cancelled. */
    public void abort() {
        if (abortSwitch != null) {
            abortSwitch.abort();
        }
        close();
    }

    @Override
    public void close() {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (RuntimeException ignored) {
            // closing a broken connection may throw; nothing is left to release
        }
    }
}
