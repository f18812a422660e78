package io.gatehouse.api;

import io.gatehouse.access.GatewayKey;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.error.ErrorBody;
import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.GatewayHeaders;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.limits.Admission;
import io.gatehouse.requestlog.LogQuery;
import io.gatehouse.requestlog.LogStats;
import io.gatehouse.requestlog.RecordJson;
import io.gatehouse.requestlog.RequestLog;
import io.gatehouse.requestlog.RequestRecord;
import io.gatehouse.requestlog.StatsWindow;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The admin API and console, outside {@code /v1} so the catch-all proxy never sees them:
 * {@code GET /admin/logs} (a page of the request log, newest first, filtered), {@code GET /admin/logs/{trace_id}}
 * (every record of one trace), {@code GET /admin/stats?window=1h|24h|7d}, and the console's files under
 * {@code /admin/}. Every path is guarded by {@link AdminAccess}.
 */
@WebServlet(urlPatterns = "/admin/*", asyncSupported = true)
public class AdminServlet extends HttpServlet {
    /** Looked up once: {@code Json.create…} looks the provider up (a service-loader scan) on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(AdminServlet.class.getName());
    /** The console's own files (in the WAR's classes), and the chart library's (from its WebJar). */
    private static final Map<String, String> FILES = Map.of(
            "/", "admin-console/index.html",
            "/console.js", "admin-console/console.js",
            "/console.css", "admin-console/console.css",
            "/vendor/uPlot.iife.min.js", "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
            "/vendor/uPlot.min.css", "META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css");

    @Inject
    transient GatewayRuntime runtime;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (path.isEmpty()) {
            resp.sendRedirect(req.getContextPath() + "/admin/");
            return;
        }
        try {
            new AdminAccess(new RequestContextParser(() -> runtime.access().get().keys()),
                    runtime.settings().requestLog().adminRemote())
                    .check(RequestHeaders.fromServlet(req.getHeaderNames(), req::getHeaders), req.getRemoteAddr(),
                            !FILES.containsKey(path));
            if (FILES.containsKey(path)) {
                file(FILES.get(path), resp);
            } else if (path.equals("/logs")) {
                json(resp, logs(LogQuery.parse(req::getParameter)));
            } else if (path.startsWith("/logs/")) {
                json(resp, trace(URLDecoder.decode(path.substring("/logs/".length()), StandardCharsets.UTF_8)));
            } else if (path.equals("/stats")) {
                json(resp, stats(StatsWindow.parse(req.getParameter("window"))));
            } else {
                throw new GatewayException(ErrorType.NOT_FOUND, "not_found", "No admin resource at /admin" + path);
            }
        } catch (IllegalArgumentException e) {
            error(resp, GatewayException.badRequest("invalid_filter", e.getMessage()));
        } catch (GatewayException e) {
            error(resp, e);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "admin: the request log store failed", e);
            error(resp, new GatewayException(ErrorType.INTERNAL, 503, "log_store_unavailable",
                    "The request log store is unavailable", e));
        }
    }

    private RequestLog requestLog() {
        RequestLog log = runtime.requestLog();
        if (log == null) {
            throw new GatewayException(ErrorType.INTERNAL, 503, "request_log_off",
                    "The request log is turned off (logs.enabled) or its store could not be opened", null);
        }
        return log;
    }

    private JsonObject logs(LogQuery query) throws SQLException {
        List<RequestRecord> page = requestLog().store().find(query);
        return JSON.createObjectBuilder()
                .add("data", records(page))
                .add("limit", query.limit())
                .add("offset", query.offset())
                .add("has_more", page.size() == query.limit())
                .build();
    }

    private JsonObject trace(String traceId) throws SQLException {
        List<RequestRecord> found = requestLog().store().find(LogQuery.byTrace(traceId));
        if (found.isEmpty()) {
            throw new GatewayException(ErrorType.NOT_FOUND, "trace_not_found", "No request with trace id '" + traceId + "'");
        }
        return JSON.createObjectBuilder().add("trace_id", traceId).add("data", records(found)).build();
    }

    private static JsonArrayBuilder records(List<RequestRecord> records) {
        JsonArrayBuilder data = JSON.createArrayBuilder();
        records.forEach(r -> data.add(RecordJson.of(r)));
        return data;
    }

    private JsonObject stats(StatsWindow window) throws SQLException {
        LogStats stats = requestLog().store().stats(window, Instant.now());
        JsonArrayBuilder models = JSON.createArrayBuilder();
        for (LogStats.ModelStats m : stats.byModel()) {
            models.add(JSON.createObjectBuilder()
                    .add("provider", text(m.provider())).add("model", text(m.model()))
                    .add("requests", m.requests()).add("errors", m.errors())
                    .add("p50_latency_ms", RecordJson.millis(m.p50LatencyMs()))
                    .add("p95_latency_ms", RecordJson.millis(m.p95LatencyMs()))
                    .add("input_tokens", m.inputTokens()).add("output_tokens", m.outputTokens())
                    .add("cost_usd", usd(m.costUsd())));
        }
        JsonArrayBuilder keys = JSON.createArrayBuilder();
        for (LogStats.KeyStats k : stats.byKey()) {
            keys.add(JSON.createObjectBuilder()
                    .add("key_name", k.keyName()).add("requests", k.requests())
                    .add("input_tokens", k.inputTokens()).add("output_tokens", k.outputTokens())
                    .add("cost_usd", usd(k.costUsd()))
                    .add("budgets", budgets(k.keyName())));
        }
        JsonArrayBuilder series = JSON.createArrayBuilder();
        for (LogStats.Bucket b : stats.series()) {
            series.add(JSON.createObjectBuilder()
                    .add("start", b.start().toString()).add("requests", b.requests()).add("errors", b.errors())
                    .add("p50_latency_ms", RecordJson.millis(b.p50LatencyMs()))
                    .add("p95_latency_ms", RecordJson.millis(b.p95LatencyMs()))
                    .add("cache_lookups", b.cacheLookups()).add("cache_hits", b.cacheHits()));
        }
        JsonArrayBuilder providers = JSON.createArrayBuilder();
        for (LogStats.ProviderBucket p : stats.byProviderOverTime()) {
            providers.add(JSON.createObjectBuilder()
                    .add("start", p.start().toString()).add("provider", p.provider())
                    .add("tokens", p.tokens()).add("cost_usd", usd(p.costUsd())));
        }
        return JSON.createObjectBuilder()
                .add("window", window.wireName())
                .add("bucket_seconds", window.bucket().toSeconds())
                .add("by_model", models)
                .add("by_key", keys)
                .add("series", series)
                .add("by_provider_over_time", providers)
                .add("dropped_records", requestLog().dropped())
                .build();
    }

    /** The key's budgets and what is left of them; empty for a key with none (or no longer configured). */
    private JsonArrayBuilder budgets(String keyName) {
        JsonArrayBuilder budgets = JSON.createArrayBuilder();
        for (GatewayKey key : runtime.access().get().keys().all()) {
            if (key.name().equals(keyName)) {
                for (Admission.BudgetLeft b : runtime.admission().budgetsLeft(key)) {
                    budgets.add(JSON.createObjectBuilder().add("period", b.period().wireName())
                            .add("usd", b.usd()).add("spent_usd", b.spent()).add("left_usd", b.left()));
                }
            }
        }
        return budgets;
    }

    private static JsonValue text(String value) {
        return value == null ? JsonValue.NULL : JSON.createValue(value);
    }

    private static JsonValue usd(BigDecimal value) {
        return value == null ? JsonValue.NULL : JSON.createValue(value.stripTrailingZeros());
    }

    private static void file(String resource, HttpServletResponse resp) throws IOException {
        try (InputStream in = AdminServlet.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new GatewayException(ErrorType.NOT_FOUND, "not_found", "Console file missing: " + resource);
            }
            resp.setStatus(200);
            resp.setContentType(resource.endsWith(".html") ? "text/html;charset=utf-8"
                    : resource.endsWith(".css") ? "text/css;charset=utf-8" : "text/javascript;charset=utf-8");
            resp.setHeader("Cache-Control", "no-cache");
            in.transferTo(resp.getOutputStream());
        }
    }

    private static void json(HttpServletResponse resp, JsonObject body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        resp.setStatus(200);
        resp.setContentType("application/json");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    private static void error(HttpServletResponse resp, GatewayException e) throws IOException {
        byte[] bytes = ErrorBody.of(e);
        resp.setStatus(e.status());
        resp.setContentType("application/json");
        resp.setHeader(GatewayHeaders.GATEWAY_EXCEPTION, "true");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
