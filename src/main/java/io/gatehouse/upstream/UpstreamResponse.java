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
    /** The body when the gateway already read it (or made it): replayed instead of the connection's. */
    private final InputStream heldBody;

    UpstreamResponse(Response response, AbortSwitch abortSwitch) {
        this.response = response;
        this.abortSwitch = abortSwitch;
        List<Header> list = new ArrayList<>();
        response.getStringHeaders().forEach((name, values) -> values.forEach(v -> list.add(new Header(name, v))));
        this.headers = List.copyOf(list);
        this.heldBody = null;
    }

    private UpstreamResponse(UpstreamResponse original, InputStream heldBody) {
        this.response = original.response;
        this.abortSwitch = original.abortSwitch;
        this.headers = original.headers;
        this.heldBody = heldBody;
    }

    /**
     * The same answer (status, headers, connection) whose body is {@code body}: what the gateway read of
     * it, replayed, or a stream that fails as reading it did.
     */
    public UpstreamResponse withBody(InputStream body) {
        return new UpstreamResponse(this, body);
    }

    /** An answer the gateway gives itself in place of an upstream's (a guardrail withheld it): no connection. */
    public static UpstreamResponse local(int status) {
        return new UpstreamResponse(Response.status(status).build(), new AbortSwitch());
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
        if (heldBody != null) {
            return heldBody;
        }
        try {
            return response.hasEntity() ? new UpstreamBody(response.readEntity(InputStream.class)) : InputStream.nullInputStream();
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
