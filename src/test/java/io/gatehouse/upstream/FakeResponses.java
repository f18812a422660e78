package io.gatehouse.upstream;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Upstream answers for unit tests, without a network: they record whether they were closed or aborted. */
public final class FakeResponses {
    private FakeResponses() {
    }

    /** An answer, and what the gateway did with it. */
    public record Fake(UpstreamResponse response, AbortSwitch abortSwitch, Inbound inbound) {
        public boolean aborted() {
            return abortSwitch.aborted();
        }

        /** Closed or aborted: its connection went back to the pool or was torn down, either way not leaked. */
        public boolean released() {
            return inbound.closed;
        }
    }

    public static Fake of(int status, Map<String, String> headers, String body) {
        return of(status, headers, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    public static Fake json(int status, String body) {
        return of(status, Map.of("Content-Type", "application/json"), body);
    }

    public static Fake of(int status, Map<String, String> headers, InputStream body) {
        return of(new Inbound(status, headers, body, null));
    }

    /**
     * Headers, then a reset before the body's first byte: the JAX-RS client peeks that byte to answer
     * {@code hasEntity()}, and reports the reset there, unchecked, as Jersey does.
     */
    public static Fake resetBeforeBody(int status, Map<String, String> headers) {
        return of(new Inbound(status, headers, InputStream.nullInputStream(), new jakarta.ws.rs.ProcessingException(
                new jakarta.ws.rs.ProcessingException(new java.net.SocketException("Connection reset")))));
    }

    private static Fake of(Inbound inbound) {
        AbortSwitch abortSwitch = new AbortSwitch();
        return new Fake(new UpstreamResponse(inbound, abortSwitch), abortSwitch, inbound);
    }

    /** The least of a JAX-RS inbound response the gateway uses. */
    static final class Inbound extends Response {
        private final int status;
        private final MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        private final InputStream body;
        private final RuntimeException entityFailure;
        volatile boolean closed;

        Inbound(int status, Map<String, String> headers, InputStream body, RuntimeException entityFailure) {
            this.status = status;
            headers.forEach(this.headers::add);
            this.body = body;
            this.entityFailure = entityFailure;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public MultivaluedMap<String, String> getStringHeaders() {
            return headers;
        }

        @Override
        public boolean hasEntity() {
            if (entityFailure != null) {
                throw entityFailure;
            }
            return true;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T readEntity(Class<T> entityType) {
            if (entityType != InputStream.class) {
                throw new UnsupportedOperationException();
            }
            return (T) body;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String getHeaderString(String name) {
            return headers.getFirst(name);
        }

        @Override
        public StatusType getStatusInfo() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object getEntity() {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T readEntity(GenericType<T> entityType) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T readEntity(Class<T> entityType, Annotation[] annotations) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T readEntity(GenericType<T> entityType, Annotation[] annotations) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean bufferEntity() {
            throw new UnsupportedOperationException();
        }

        @Override
        public MediaType getMediaType() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Locale getLanguage() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int getLength() {
            return -1;
        }

        @Override
        public Set<String> getAllowedMethods() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, NewCookie> getCookies() {
            throw new UnsupportedOperationException();
        }

        @Override
        public EntityTag getEntityTag() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Date getDate() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Date getLastModified() {
            throw new UnsupportedOperationException();
        }

        @Override
        public URI getLocation() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Set<Link> getLinks() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean hasLink(String relation) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Link getLink(String relation) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Link.Builder getLinkBuilder(String relation) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MultivaluedMap<String, Object> getMetadata() {
            throw new UnsupportedOperationException();
        }
    }
}
