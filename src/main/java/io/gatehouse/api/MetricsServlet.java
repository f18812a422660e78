package io.gatehouse.api;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: the gateway's metrics in the Prometheus text format. Mapped in web.xml, it takes
 * {@code /metrics} from Payara's MicroProfile Metrics endpoint, whose histograms have neither the GenAI
 * names nor their buckets (Payara's JVM and pool metrics are then not served).
 */
public class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    @Inject
    transient GatewayRuntime runtime;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        byte[] text = runtime.telemetry().metrics().scrape().getBytes(StandardCharsets.UTF_8);
        resp.setStatus(200);
        resp.setContentType(CONTENT_TYPE);
        resp.setContentLength(text.length);
        resp.getOutputStream().write(text);
    }
}
