package io.gatehouse.proxy;

import io.gatehouse.api.CallThreads;
import io.gatehouse.api.ClientConnection;
import io.gatehouse.api.GatewayRuntime;
import io.gatehouse.api.Incidents;
import io.gatehouse.http.GatewayHeaders;
import io.gatehouse.http.Header;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.pipeline.GatewayResponse;
import io.gatehouse.pipeline.ProxyRequest;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * The catch-all proxy: receives every {@code /v1/*} request no JAX-RS resource matched (Jersey forwards
 * them here), and {@code /v1/proxy/*}. It only translates between the servlet API and the proxy pipeline.
 * The container thread reads the request line and headers and lets go (servlet async); the call then
 * streams both ways on its own call thread, for as long as it lasts.
 */
public class CatchAllFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Inject
    transient GatewayRuntime runtime;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws IOException {
        ProxyRequest request = proxyRequest(req);
        AsyncContext async = req.startAsync();
        // A stream lasts as long as the model talks; the relay's own read timeouts end a silent upstream.
        async.setTimeout(0);
        CallThreads.Refusal refused = runtime.callThreads().run(req, () -> relay(request, req, res, async));
        if (refused != null) {
            writeError(res, 503, runtime.callThreads().refusalBody(refused), "1");
            async.complete();
        }
    }

    private void relay(ProxyRequest request, HttpServletRequest req, HttpServletResponse res, AsyncContext async) {
        try {
            write(runtime.proxyPipeline().handle(request), req, res);
        } catch (IOException clientGoneOrCut) {
            // The client went away, or the upstream broke off a body already sent (logged by the relay and cut).
        } catch (RuntimeException | Error bug) {
            byte[] body = Incidents.record(bug);
            if (res.isCommitted()) {
                ClientConnection.cut(req);
            } else {
                writeError(res, 500, body, null);
            }
        } finally {
            async.complete();
        }
    }

    private static void write(GatewayResponse response, HttpServletRequest req, HttpServletResponse res) throws IOException {
        res.setStatus(response.status());
        for (Header h : response.headers()) {
            if (h.name().equalsIgnoreCase("content-length")) {
                long length = Header.contentLength(h.value());
                if (length >= 0) {
                    res.setContentLengthLong(length);
                }
            } else {
                res.addHeader(h.name(), h.value());
            }
        }
        try {
            response.body().writeTo(res.getOutputStream());
        } catch (IOException upstreamBrokeOff) {
            // Already logged by the relay. The client must not see the body as complete.
            ClientConnection.cut(req);
            throw upstreamBrokeOff;
        }
    }

    private static void writeError(HttpServletResponse res, int status, byte[] body, String retryAfter) {
        try {
            res.reset();
            res.setStatus(status);
            if (retryAfter != null) {
                res.setHeader("Retry-After", retryAfter);
            }
            res.setContentType("application/json");
            res.setHeader(GatewayHeaders.GATEWAY_EXCEPTION, "true");
            res.getOutputStream().write(body);
        } catch (IOException | IllegalStateException clientGone) {
            // Nobody left to tell.
        }
    }

    /** The request as sent: raw path and query, headers, and the body only when there is one. */
    static ProxyRequest proxyRequest(HttpServletRequest req) throws IOException {
        RequestHeaders headers = RequestHeaders.fromServlet(req.getHeaderNames(), req::getHeaders);
        String rawPath = req.getRequestURI().substring(req.getContextPath().length());
        boolean chunked = headers.all("transfer-encoding").stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
        long length = chunked ? -1 : Math.max(0, req.getContentLengthLong());
        // A POST or PUT without a body still sends an empty one (Content-Length: 0); GET and DELETE none.
        boolean hasBody = chunked || length > 0 || req.getMethod().equals("POST") || req.getMethod().equals("PUT");
        return new ProxyRequest(req.getMethod(), rawPath, req.getQueryString(), headers,
                hasBody ? req.getInputStream() : null, length);
    }
}
