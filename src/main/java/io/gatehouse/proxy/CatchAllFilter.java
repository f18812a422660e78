package io.gatehouse.proxy;

import io.gatehouse.api.ClientConnection;
import io.gatehouse.api.GatewayRuntime;
import io.gatehouse.http.Header;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.pipeline.GatewayResponse;
import io.gatehouse.pipeline.ProxyRequest;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * The catch-all proxy: receives every {@code /v1/*} request no JAX-RS resource matched (Jersey forwards
 * them here), and {@code /v1/proxy/*}. It only translates between the servlet API and the proxy pipeline;
 * the request is handled on this container thread, streaming both ways.
 */
public class CatchAllFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Inject
    transient GatewayRuntime runtime;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain) throws IOException {
        GatewayResponse response = runtime.proxyPipeline().handle(proxyRequest(req));
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
            if (!ClientConnection.cut(req)) {
                throw upstreamBrokeOff;
            }
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
