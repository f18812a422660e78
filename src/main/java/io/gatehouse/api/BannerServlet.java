package io.gatehouse.api;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The container's default servlet: {@code GET /} answers a small JSON banner for health probes and load
 * balancers; any other path nothing else serves is a JSON 404.
 */
public class BannerServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final byte[] BANNER =
            "{\"service\":\"gatehouse\",\"status\":\"ok\",\"message\":\"AI Gateway says hey!\",\"api\":\"/v1\"}"
                    .getBytes(StandardCharsets.UTF_8);

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!isRoot(req)) {
            resp.sendError(404);
            return;
        }
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setContentLength(BANNER.length);
        resp.getOutputStream().write(BANNER);
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!isRoot(req)) {
            resp.sendError(404);
            return;
        }
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setContentLength(BANNER.length);
    }

    private static boolean isRoot(HttpServletRequest req) {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        return path.isEmpty() || path.equals("/");
    }
}
