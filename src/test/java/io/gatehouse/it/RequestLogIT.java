package io.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The request log on a real Payara Micro: requests through a fake provider read back from {@code /admin/logs}
 * with their usage and cost, {@code /admin/stats} summing them, who may read them, and the console in headless
 * Chromium. The deployment has its own configuration directory and H2 data directory under {@code target/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RequestLogIT {
    static final String OPS_KEY = "gh-ops-5e1d";
    static final String TEAM_KEY = "gh-team-a2c4";
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String ANSWER = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"gpt-4o-mini-2024-07-18\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"hello\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10}}";
    /** 7 input tokens at $2.50 and 3 output tokens at $10 per million. */
    private static final BigDecimal COST = new BigDecimal("0.0000475");

    static final FakeUpstream OPENAI = FakeUpstream.started();
    static final ServerConfigDir CONFIG = new ServerConfigDir("it-requestlog-config");
    /** Inside the configuration directory, so each run starts with an empty log. */
    static final Path DATA = CONFIG.path().resolve("data");

    @ArquillianResource
    URL deployed;

    GatewayClient gateway;

    @Deployment(testable = false)
    static WebArchive war() {
        CONFIG.write("secrets/openai", "sk-openai-log\n")
                .write("gatehouse.properties", "logs.data-dir=" + DATA + "\n")
                .write("catalog.json", """
                        {"entries": [
                          {"slug": "priced", "provider": "openai", "custom_host": "%s/v1", "keys": [{"file": "secrets/openai"}],
                           "pricing": {"gpt-4o-mini": {"input": 2.5, "output": 10}}}
                        ]}""".formatted(OPENAI.baseUrl()))
                .write("gateway-keys.json", """
                        {"keys": [
                          {"name": "ops", "sha256": "%s", "entries": ["*"], "admin": true},
                          {"name": "team-a", "sha256": "%s", "entries": ["priced"], "metadata": {"team": "a"},
                           "limits": {"budgets": [{"usd": 5, "period": "day"}]}}
                        ]}""".formatted(CatalogIT.sha256(OPS_KEY), CatalogIT.sha256(TEAM_KEY)));
        return CONFIG.deployment();
    }

    @AfterAll
    static void stopFake() throws IOException {
        OPENAI.close();
    }

    @BeforeEach
    void setUp() {
        // Also the hook arquillian-junit5 needs to inject @ArquillianResource fields.
        OPENAI.reset();
        gateway = new GatewayClient(deployed);
        OPENAI.on("POST", "/v1/chat/completions", (req, ex) -> {
            if (req.bodyText().contains("\"stream\":true")) {
                ex.beginEvents();
                ex.event("{\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":"
                        + "[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}");
                ex.event("{\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o-mini\",\"choices\":[],"
                        + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":1,\"total_tokens\":5}}");
                ex.event("[DONE]");
                ex.end();
            } else {
                ex.json(200, ANSWER);
            }
        });
        OPENAI.on("GET", "/v1/models", (req, ex) -> ex.json(200, "{\"object\":\"list\",\"data\":[]}"));
    }

    private HttpResponse<String> teamChat(String traceId, String body) throws Exception {
        return gateway.postJson("/v1/chat/completions", body, "x-portkey-api-key", TEAM_KEY, "x-portkey-provider", "@priced",
                "x-portkey-trace-id", traceId, "x-portkey-metadata", "{\"feature\":\"search\"}");
    }

    private HttpResponse<String> admin(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = gateway.request(pathAndQuery).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return gateway.send(b.build());
    }

    private JsonObject asOps(String pathAndQuery) throws Exception {
        HttpResponse<String> res = admin(pathAndQuery, "Authorization", "Bearer " + OPS_KEY);
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("application/json", res.headers().firstValue("content-type").orElse("").split(";")[0]);
        return json(res.body());
    }

    /** The log is written off the request path, in batches: waits (5 s at most) for a trace's records to show. */
    private JsonArray logged(String traceId, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            JsonArray data = asOps("/admin/logs?trace_id=" + enc(traceId)).getJsonArray("data");
            if (data.size() >= count || System.nanoTime() > deadline) {
                assertEquals(count, data.size(), "records of " + traceId + ": " + data);
                return data;
            }
            Thread.sleep(50);
        }
    }

    static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void assertError(HttpResponse<String> res, int status, String code) {
        assertEquals(status, res.statusCode(), res.body());
        assertEquals(code, json(res.body()).getJsonObject("error").getString("code"), res.body());
        assertEquals("application/json", res.headers().firstValue("content-type").orElse("").split(";")[0]);
    }

    @Test
    void aRequestShowsInTheLogWithItsUsageAndCost() throws Exception {
        HttpResponse<String> res = teamChat("it-log-chat", CHAT);
        assertEquals(200, res.statusCode(), res.body());
        RecordedRequest got = OPENAI.takeRequest(1000);
        assertEquals("Bearer sk-openai-log", got.header("authorization"));

        JsonObject r = logged("it-log-chat", 1).getJsonObject(0);
        assertEquals("it-log-chat", r.getString("trace_id"));
        assertEquals(200, r.getInt("status"));
        assertEquals("openai", r.getString("provider"));
        assertEquals("priced", r.getString("entry"));
        assertEquals("gpt-4o-mini", r.getString("model_requested"));
        assertEquals("gpt-4o-mini-2024-07-18", r.getString("model"));
        assertEquals("team-a", r.getString("key_name"));
        assertEquals(Map.of("team", "a", "feature", "search"), strings(r.getJsonObject("metadata")));
        assertEquals("openai", r.getString("client_format"));
        assertEquals("/v1/chat/completions", r.getString("route"));
        assertFalse(r.getBoolean("stream"));
        assertTrue(r.getJsonNumber("latency_ms").doubleValue() > 0);
        assertEquals(7, r.getJsonObject("usage").getInt("input_tokens"));
        assertEquals(3, r.getJsonObject("usage").getInt("output_tokens"));
        assertEquals(0, COST.compareTo(r.getJsonNumber("cost_usd").bigDecimalValue()), r.toString());
        assertTrue(Duration.between(java.time.Instant.parse(r.getString("timestamp")), java.time.Instant.now()).toMinutes() < 5);
        String all = r.toString();
        for (String secret : List.of(TEAM_KEY, "sk-openai-log", CatalogIT.sha256(TEAM_KEY))) {
            assertFalse(all.contains(secret), "the record holds a secret");
        }
        assertEquals(all, asOps("/admin/logs/it-log-chat").getJsonArray("data").getJsonObject(0).toString());
    }

    @Test
    void aStreamIsLoggedWhenItEnds() throws Exception {
        HttpResponse<String> res = teamChat("it-log-stream", CHAT.replace("{\"model\"", "{\"stream\":true,\"model\""));
        assertEquals(200, res.statusCode(), res.body());
        assertTrue(res.body().contains("[DONE]"));
        assertTrue(OPENAI.takeRequest(1000).bodyText().contains("\"stream\":true"));

        JsonObject r = logged("it-log-stream", 1).getJsonObject(0);
        assertTrue(r.getBoolean("stream"));
        assertTrue(r.get("first_byte_ms") instanceof JsonNumber, r.toString());
        assertEquals(4, r.getJsonObject("usage").getInt("input_tokens"));
        assertEquals(1, r.getJsonObject("usage").getInt("output_tokens"));
    }

    @Test
    void refusalsAndProxiedCallsAreLoggedToo() throws Exception {
        HttpResponse<String> refused = gateway.postJson("/v1/chat/completions", CHAT, "x-portkey-api-key", "gh-wrong",
                "x-portkey-trace-id", "it-log-401");
        assertError(refused, 401, "invalid_api_key");
        HttpResponse<String> proxied = gateway.send(gateway.request("/v1/models").GET()
                .header("x-portkey-api-key", TEAM_KEY).header("x-portkey-provider", "@priced")
                .header("x-portkey-trace-id", "it-log-proxy").build());
        assertEquals(200, proxied.statusCode(), proxied.body());
        assertEquals("/v1/models", OPENAI.takeRequest(1000).path());

        JsonObject r = logged("it-log-401", 1).getJsonObject(0);
        assertEquals(401, r.getInt("status"));
        assertEquals("invalid_api_key", r.getString("error_code"));
        assertFalse(r.toString().contains("gh-wrong"));
        assertEquals(JsonValue.NULL, r.get("cost_usd"));
        JsonObject p = logged("it-log-proxy", 1).getJsonObject(0);
        assertEquals("proxy", p.getString("client_format"));
        assertEquals("openai", p.getString("provider"));
        assertEquals(200, p.getInt("status"));

        JsonArray errors = asOps("/admin/logs?status=error&key=-").getJsonArray("data");
        assertTrue(errors.stream().map(JsonValue::asJsonObject).allMatch(e -> e.getInt("status") >= 400), errors.toString());
        assertTrue(errors.stream().map(JsonValue::asJsonObject).anyMatch(e -> e.getString("trace_id").equals("it-log-401")));
    }

    @Test
    void statsSumPerModelAndPerKeyWithTheBudgetLeft() throws Exception {
        assertEquals(200, teamChat("it-log-stats-1", CHAT).statusCode());
        assertEquals(200, teamChat("it-log-stats-2", CHAT).statusCode());
        logged("it-log-stats-2", 1);

        JsonObject stats = asOps("/admin/stats?window=1h");
        assertEquals("1h", stats.getString("window"));
        JsonObject gpt = stats.getJsonArray("by_model").stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("provider", "").equals("openai") && m.getString("model", "").equals("gpt-4o-mini-2024-07-18"))
                .findFirst().orElseThrow(() -> new AssertionError(stats.toString()));
        assertTrue(gpt.getInt("requests") >= 2, gpt.toString());
        assertTrue(gpt.getJsonNumber("p95_latency_ms").doubleValue() >= gpt.getJsonNumber("p50_latency_ms").doubleValue());
        assertTrue(gpt.getJsonNumber("input_tokens").longValue() >= 14);
        JsonObject team = stats.getJsonArray("by_key").stream().map(JsonValue::asJsonObject)
                .filter(k -> k.getString("key_name").equals("team-a")).findFirst().orElseThrow();
        BigDecimal spent = team.getJsonNumber("cost_usd").bigDecimalValue();
        assertTrue(spent.compareTo(COST.multiply(BigDecimal.valueOf(2))) >= 0, team.toString());
        JsonObject budget = team.getJsonArray("budgets").getJsonObject(0);
        assertEquals("day", budget.getString("period"));
        assertEquals(0, new BigDecimal("5").subtract(budget.getJsonNumber("spent_usd").bigDecimalValue())
                .compareTo(budget.getJsonNumber("left_usd").bigDecimalValue()), budget.toString());
        assertTrue(budget.getJsonNumber("spent_usd").bigDecimalValue().signum() > 0, budget.toString());
        assertFalse(stats.getJsonArray("series").isEmpty());
        assertEquals(0, stats.getInt("dropped_records"));
    }

    @Test
    void onlyAnAdminKeyMayReadTheLogAndBadFiltersAreRefused() throws Exception {
        assertError(admin("/admin/logs"), 401, "missing_api_key");
        assertError(admin("/admin/stats", "x-portkey-api-key", "gh-wrong"), 401, "invalid_api_key");
        assertError(admin("/admin/logs", "Authorization", "Bearer " + TEAM_KEY), 403, "admin_required");
        HttpResponse<String> console = admin("/admin/");
        assertEquals(200, console.statusCode(), "the console's page holds no data: it asks for an admin key");
        assertTrue(console.headers().firstValue("content-type").orElse("").startsWith("text/html"));
        String ops = "Bearer " + OPS_KEY;
        assertError(admin("/admin/logs?status=teapot", "Authorization", ops), 400, "invalid_filter");
        assertError(admin("/admin/logs?from=yesterday", "Authorization", ops), 400, "invalid_filter");
        assertError(admin("/admin/logs?limit=100000", "Authorization", ops), 400, "invalid_filter");
        assertError(admin("/admin/stats?window=1y", "Authorization", ops), 400, "invalid_filter");
        assertError(admin("/admin/logs/no-such-trace", "Authorization", ops), 404, "trace_not_found");
        assertError(admin("/admin/nothing-here", "Authorization", ops), 404, "not_found");
        assertTrue(OPENAI.requests().isEmpty(), "no admin call reached a provider");
    }

    @Test
    void theConsoleShowsARequestJustMadeFiltersItAndDrawsItsCharts() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        Path chromedriver = Path.of("/usr/bin/chromedriver");
        Assumptions.assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(chromedriver),
                "!!! SKIPPED: the console's browser test needs Debian's chromium and chromium-driver "
                        + "(apt-get install -y chromium chromium-driver; .ci/run installs them) !!!");
        assertEquals(200, teamChat("it-console-ok", CHAT).statusCode());
        assertEquals(401, gateway.postJson("/v1/chat/completions", CHAT, "x-portkey-api-key", "gh-wrong",
                "x-portkey-trace-id", "it-console-refused").statusCode());
        logged("it-console-ok", 1);
        logged("it-console-refused", 1);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1800");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(gateway.base() + "/admin/");
            WebElement key = browser.findElement(By.id("admin-key"));
            key.sendKeys(OPS_KEY, Keys.TAB);

            wait.until(b -> !b.findElements(By.cssSelector("#requests tr[data-trace-id='it-console-ok']")).isEmpty());
            WebElement row = browser.findElement(By.cssSelector("#requests tr[data-trace-id='it-console-ok']"));
            assertTrue(row.getText().contains("openai"), row.getText());
            assertTrue(row.getText().contains("200"), row.getText());

            browser.findElement(By.name("status")).sendKeys("error");
            browser.findElement(By.id("apply")).click();
            wait.until(b -> b.findElements(By.cssSelector("#requests tr[data-trace-id='it-console-ok']")).isEmpty()
                    && !b.findElements(By.cssSelector("#requests tr[data-trace-id='it-console-refused']")).isEmpty());
            for (WebElement shown : browser.findElements(By.cssSelector("#requests tbody tr td.status"))) {
                assertTrue(Integer.parseInt(shown.getText().split(" ")[0]) >= 400, shown.getText());
            }

            browser.findElement(By.cssSelector("#requests tr[data-trace-id='it-console-refused']")).click();
            wait.until(b -> b.findElement(By.id("detail")).isDisplayed());
            assertTrue(browser.findElement(By.id("detail-body")).getText().contains("invalid_api_key"));
            browser.findElement(By.id("close-detail")).click();

            wait.until(b -> !"0".equals(b.findElement(By.tagName("body")).getDomAttribute("data-charts-drawn"))
                    && b.findElement(By.tagName("body")).getDomAttribute("data-charts-drawn") != null);
            @SuppressWarnings("unchecked")
            List<Object> drawn = (List<Object>) ((JavascriptExecutor) browser).executeScript("""
                    return Array.from(document.querySelectorAll('.chart')).map(function (chart) {
                      var canvas = chart.querySelector('canvas');
                      if (!canvas) { return chart.id + ':none'; }
                      var d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                      var series = 0;
                      for (var i = 0; i < d.length; i += 4) {
                        if (d[i] === 0x33 && d[i + 1] === 0x66 && d[i + 2] === 0xcc && d[i + 3] > 200) { series++; }
                      }
                      return chart.id + ':' + series;
                    });""");
            List<String> charts = new ArrayList<>();
            drawn.forEach(d -> charts.add(String.valueOf(d)));
            assertEquals(5, charts.size(), charts.toString());
            for (String chart : charts) {
                if (!chart.startsWith("chart-cache")) { // no cache answered in this deployment: no hit rate to draw
                    assertTrue(Integer.parseInt(chart.split(":")[1]) > 0, "a series drawn in each chart's canvas: " + charts);
                }
            }
            Path shot = Path.of(System.getProperty("gatehouse.war", "target/gatehouse.war")).toAbsolutePath().getParent()
                    .resolve("console-screenshot.png");
            Files.write(shot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            assertTrue(Files.size(shot) > 10_000, "a screenshot of the console at " + shot);
        } finally {
            browser.quit();
        }
    }

    private static Map<String, String> strings(JsonObject o) {
        Map<String, String> m = new java.util.HashMap<>();
        o.forEach((k, v) -> m.put(k, ((jakarta.json.JsonString) v).getString()));
        return m;
    }
}
