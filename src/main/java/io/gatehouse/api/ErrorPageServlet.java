package io.gatehouse.api;

import io.gatehouse.error.ErrorBody;
import io.gatehouse.http.GatewayHeaders;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The container's error page (web.xml): whatever error the servlet container itself produces — an
 * unknown path outside {@code /v1}, an uncaught exception — reaches the client as the gateway's JSON
 * error instead of an HTML page.
 */
public class ErrorPageServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        String message;
        String type;
        switch (status) {
            case 404 -> { message = "Not found: " + req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI); type = "not_found_error"; }
            case 405 -> { message = "Method not allowed"; type = "method_not_allowed_error"; }
            case 413 -> { message = "Request too large"; type = "payload_too_large_error"; }
            default -> {
                message = status >= 500 ? "Internal gateway error" : "Bad request";
                type = status >= 500 ? "internal_error" : "invalid_request_error";
            }
        }
        if (!resp.isCommitted()) {
            resp.resetBuffer();
            resp.setStatus(status);
            resp.setContentType("application/json");
            resp.setHeader(GatewayHeaders.GATEWAY_EXCEPTION, "true");
            resp.getOutputStream().write(ErrorBody.of(message, type, "http_" + status));
        }
    }
}
