package io.gatehouse.upstream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.gatehouse.error.GatewayException;
import jakarta.ws.rs.ProcessingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UpstreamFailuresTest {
    private static final String SECRET = "sk-secret-123";
    /** Path, query and credentials a careless message could leak. */
    private static final URI TARGET = URI.create("https://llm.example:8443/v1/chat/completions?api_key=" + SECRET);

    /** Jersey wraps the connector's exception in one or more ProcessingException layers. */
    static Stream<Function<IOException, Throwable>> wrappings() {
        return Stream.of(
                io -> io,
                io -> new ProcessingException(io),
                io -> new ProcessingException("outer", new ProcessingException(io.toString(), io)),
                io -> new ProcessingException(new RuntimeException("connector", io)));
    }

    static Stream<Arguments> classification() {
        Stream<Arguments> table = Stream.of(
                row(new ConnectException("Connection refused"), 502, "upstream_error", "upstream_unreachable"),
                row(new HttpHostConnectException("Connect to llm.example:8443 failed"), 502, "upstream_error", "upstream_unreachable"),
                row(new ConnectTimeoutException("Connect timed out"), 504, "upstream_timeout_error", "upstream_timeout"),
                row(new SocketTimeoutException("Read timed out"), 504, "upstream_timeout_error", "upstream_timeout"),
                row(new InterruptedIOException("timeout"), 504, "upstream_timeout_error", "upstream_timeout"),
                row(new UnknownHostException("llm.example"), 502, "upstream_error", "upstream_unreachable"),
                row(new PolicyDnsResolver.ForbiddenHostException("llm.example"), 400, "invalid_request_error", "custom_host_not_allowed"),
                row(new SocketException("Connection reset"), 502, "upstream_error", "upstream_connection_failed"),
                row(new NoHttpResponseException("llm.example:8443 failed to respond"), 502, "upstream_error", "upstream_connection_failed"),
                row(new IOException("Broken pipe"), 502, "upstream_error", "upstream_connection_failed"));
        return table.flatMap(a -> wrappings().map(wrap -> Arguments.of(
                a.get()[0], wrap.apply((IOException) a.get()[0]), a.get()[1], a.get()[2], a.get()[3])));
    }

    private static Arguments row(IOException io, int status, String type, String code) {
        return Arguments.of(io, status, type, code);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("classification")
    void classifiesWithoutAnExplicitTimeout(IOException io, Throwable thrown, int status, String type, String code) {
        GatewayException e = UpstreamFailures.classify(thrown, TARGET, null);
        assertAll(
                () -> assertEquals(status, e.status()),
                () -> assertEquals(type, e.type().wireName()),
                () -> assertEquals(code, e.code()),
                () -> assertSame(thrown, e.getCause()),
                () -> assertNoLeak(e));
    }

    static Stream<Arguments> timeouts() {
        return Stream.of(new ConnectTimeoutException("Connect timed out"), new SocketTimeoutException("Read timed out"))
                .flatMap(io -> wrappings().map(wrap -> Arguments.of(io, wrap.apply(io))));
    }

    /** With x-portkey-request-timeout / request_timeout, a timeout is the client's: 408, worded as Portkey words it. */
    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("timeouts")
    void explicitTimeoutIs408(IOException io, Throwable thrown) {
        GatewayException e = UpstreamFailures.classify(thrown, TARGET, Duration.ofMillis(500));
        assertAll(
                () -> assertEquals(408, e.status()),
                () -> assertEquals("timeout_error", e.type().wireName()),
                () -> assertEquals("request_timeout", e.code()),
                () -> assertEquals("Request exceeded the timeout sent in the request: 500ms", e.getMessage()));
    }

    @Test
    void explicitTimeoutDoesNotChangeOtherFailures() {
        Duration timeout = Duration.ofMillis(500);
        assertEquals("upstream_unreachable",
                UpstreamFailures.classify(new ProcessingException(new ConnectException()), TARGET, timeout).code());
        assertEquals("upstream_connection_failed",
                UpstreamFailures.classify(new ProcessingException(new SocketException("reset")), TARGET, timeout).code());
    }

    @Test
    void messagesNameHostAndPort() {
        GatewayException refused = UpstreamFailures.classify(new ProcessingException(new ConnectException()), TARGET, null);
        assertEquals("Upstream llm.example:8443 refused the connection", refused.getMessage());
        GatewayException noPort = UpstreamFailures.classify(new ConnectException(),
                URI.create("http://llm.example/v1/embeddings"), null);
        assertEquals("Upstream llm.example refused the connection", noPort.getMessage());
    }

    @Test
    void aFailureWithNoIoCauseIsAConnectionFailure() {
        ProcessingException thrown = new ProcessingException(new IllegalStateException("connector state"));
        GatewayException e = UpstreamFailures.classify(thrown, TARGET, null);
        assertEquals(502, e.status());
        assertEquals("upstream_connection_failed", e.code());
        assertNoLeak(e);
    }

    private static void assertNoLeak(GatewayException e) {
        assertFalse(e.getMessage().contains("/v1"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertFalse(e.getMessage().contains("api_key"), e.getMessage());
    }
}
