package io.gatehouse.upstream;

import io.gatehouse.http.Header;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An upstream answer whose body has not been read yet. Exactly one of {@link #close()} (body read to
 * its end: the connection goes back to the pool) or {@link #abort()} (anything else: the connection is
 * torn down, which also cancels the upstream's work) must end it.
 */
public final class UpstreamResponse implements AutoCloseable {
    private final Response response;
    private final AbortSwitch abortSwitch;
    private final List<Header> headers;
    /** Whether the body is an AWS event-stream read as Server-Sent Events ({@link #awsEventStreamAsSse()}). */
    private final boolean decodesAwsEventStream;

    UpstreamResponse(Response response, AbortSwitch abortSwitch) {
        this.response = response;
        this.abortSwitch = abortSwitch;
        List<Header> list = new ArrayList<>();
        response.getStringHeaders().forEach((name, values) -> values.forEach(v -> list.add(new Header(name, v))));
        this.headers = List.copyOf(list);
        this.decodesAwsEventStream = false;
    }

    private UpstreamResponse(UpstreamResponse binary) {
        this.response = binary.response;
        this.abortSwitch = binary.abortSwitch;
        List<Header> list = new ArrayList<>();
        for (Header h : binary.headers) {
            list.add(h.name().equalsIgnoreCase("content-type") ? new Header(h.name(), "text/event-stream") : h);
        }
        this.headers = List.copyOf(list);
        this.decodesAwsEventStream = true;
    }

    /**
     * This answer with an AWS event-stream body ({@value AwsEventStreamAsSse#CONTENT_TYPE}) read as
     * Server-Sent Events, typed {@code text/event-stream}; any other answer as it is.
     */
    public UpstreamResponse awsEventStreamAsSse() {
        String type = header("content-type");
        boolean binary = type != null && type.toLowerCase(Locale.ROOT).startsWith(AwsEventStreamAsSse.CONTENT_TYPE);
        return binary && !decodesAwsEventStream ? new UpstreamResponse(this) : this;
    }

    public int status() {
        return response.getStatus();
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
        try {
            if (!response.hasEntity()) {
                return InputStream.nullInputStream();
            }
            InputStream body = new UpstreamBody(response.readEntity(InputStream.class));
            return decodesAwsEventStream ? new AwsEventStreamAsSse(body) : body;
        } catch (ProcessingException e) {
            return UpstreamBody.broken(e);
        }
    }

    /** Tears the connection down: the upstream sees the request cancelled. */
    public void abort() {
        abortSwitch.abort();
        close();
    }

    @Override
    public void close() {
        try {
            response.close();
        } catch (RuntimeException ignored) {
            // closing a broken connection may throw; nothing is left to release
        }
    }
}
