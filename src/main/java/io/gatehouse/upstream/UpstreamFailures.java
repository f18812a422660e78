package io.gatehouse.upstream;

import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * Turns a failed upstream call into the error the client gets: refused or reset → 502, too slow → 504,
 * slower than the client's own {@code request_timeout} → 408 (as Portkey answers), host forbidden → 400.
 * Messages name the upstream host, never URLs with paths or any credential.
 */
public final class UpstreamFailures {
    private UpstreamFailures() {
    }

    public static GatewayException classify(Throwable failure, URI target, Duration requestTimeout) {
        Throwable cause = rootIo(failure);
        String where = target.getHost() + (target.getPort() > 0 ? ":" + target.getPort() : "");
        if (cause instanceof PolicyDnsResolver.ForbiddenHostException) {
            return new GatewayException(ErrorType.INVALID_REQUEST, 400, "custom_host_not_allowed",
                    "Upstream host " + target.getHost() + " resolves to an address this gateway's host policy forbids", failure);
        }
        // ConnectTimeoutException and SocketTimeoutException are both InterruptedIOExceptions.
        if (cause instanceof InterruptedIOException) {
            if (requestTimeout != null) {
                return new GatewayException(ErrorType.TIMEOUT, 408, "request_timeout",
                        "Request exceeded the timeout sent in the request: " + requestTimeout.toMillis() + "ms", failure);
            }
            return new GatewayException(ErrorType.UPSTREAM_TIMEOUT, 504, "upstream_timeout",
                    "Upstream " + where + " did not answer in time", failure);
        }
        if (cause instanceof UnknownHostException) {
            return new GatewayException(ErrorType.UPSTREAM_UNREACHABLE, 502, "upstream_unreachable",
                    "Upstream host " + target.getHost() + " could not be resolved", failure);
        }
        if (cause instanceof ConnectException) {
            return new GatewayException(ErrorType.UPSTREAM_UNREACHABLE, 502, "upstream_unreachable",
                    "Upstream " + where + " refused the connection", failure);
        }
        return new GatewayException(ErrorType.UPSTREAM_UNREACHABLE, 502, "upstream_connection_failed",
                "Upstream " + where + " closed the connection before answering", failure);
    }

    /** The innermost I/O exception: Jersey wraps the connector's in ProcessingException layers. */
    static Throwable rootIo(Throwable t) {
        Throwable io = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.io.IOException) {
                io = c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return io;
    }
}
