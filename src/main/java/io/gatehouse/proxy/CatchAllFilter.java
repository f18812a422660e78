package io.gatehouse.proxy;

import io.gatehouse.context.GatewayHeaders;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.context.RequestHeaders;
import io.gatehouse.error.ErrorBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Receives every {@code /v1/*} request no JAX-RS resource matched (Jersey forwards them here).
 * Until the catch-all proxy is built, these are answered with a JSON 404.
 */
public class CatchAllFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        RequestHeaders headers = RequestHeaders.fromServlet(req.getHeaderNames(), req::getHeaders);
        res.setStatus(404);
        res.setContentType("application/json");
        res.setHeader(GatewayHeaders.TRACE_ID, RequestContextParser.traceId(headers));
        res.setHeader(GatewayHeaders.GATEWAY_EXCEPTION, "true");
        res.getOutputStream().write(ErrorBody.of("No route for " + req.getMethod() + " " + req.getRequestURI(),
                "not_found_error", "route_not_found"));
    }
}
