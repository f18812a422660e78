package io.gatehouse.requestlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The request log's JDBC store, each test run against both databases it supports: the embedded H2 (in a
 * file, as the gateway runs it) and a real PostgreSQL started for this class on 127.0.0.1.
 */
class RequestLogStoreTest {
    private static Path h2Dir;
    private static PostgresCluster postgres;
    private static DataSource h2;
    private static DataSource pg;

    @BeforeAll
    static void startDatabases() throws Exception {
        h2Dir = Files.createTempDirectory("gatehouse-h2");
        h2 = RequestLog.h2(h2Dir);
        Path bin = PostgresCluster.binaries();
        if (bin == null) {
            throw new IllegalStateException("PostgreSQL server binaries are missing (/usr/lib/postgresql/N/bin): "
                    + "apt-get install -y postgresql (.ci/run does)");
        }
        postgres = PostgresCluster.start(bin);
        pg = postgres.dataSource();
    }

    @AfterAll
    static void stopDatabases() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
        if (h2 != null) {
            try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
    }

    static Stream<Named<DataSource>> databases() {
        return Stream.of(Named.of("H2", h2), Named.of("PostgreSQL", pg));
    }

    private static RequestLogStore emptyStore(DataSource ds) throws SQLException {
        RequestLogStore store = RequestLogStore.open(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM " + RequestLogStore.TABLE);
        }
        return store;
    }

    private static List<String> traces(List<RequestRecord> records) {
        return records.stream().map(RequestRecord::traceId).toList();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aRecordReadsBackAsWritten(DataSource ds) throws SQLException {
        RequestLogStore store = emptyStore(ds);
        RequestRecord full = Records.chat("t-full", 0);
        RequestRecord bare = Records.refused("t-bare", 1);
        store.insert(List.of(full, bare));
        assertEquals(List.of(bare, full), store.find(LogQuery.ALL));
        // Opening an existing store again keeps its records.
        assertEquals(2, RequestLogStore.open(ds).count());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void pagesAreNewestFirst(DataSource ds) throws SQLException {
        RequestLogStore store = emptyStore(ds);
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            records.add(Records.chat("t" + i, i));
        }
        store.insert(records);
        assertEquals(List.of("t6", "t5", "t4"), traces(store.find(page(3, 0))));
        assertEquals(List.of("t0"), traces(store.find(page(3, 6))));
    }

    private static LogQuery page(int limit, int offset) {
        return new LogQuery(null, null, null, null, null, null, null, null, null, null, limit, offset);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void filtersNarrowTheSearch(DataSource ds) throws SQLException {
        RequestLogStore store = emptyStore(ds);
        RequestRecord a = Records.chat("a", 0);
        RequestRecord b = Records.with(Records.chat("b", 10), "anthropic", "claude-3-5-haiku", 529, 900, "team-b");
        RequestRecord c = new RequestRecord(Records.T0.plusSeconds(20), "c", "team-a", Map.of("note", "team=search",
                "x_y", "50%"), "/v1/files", "proxy", "openai", null, null, null, 404, null, false, 3, null, null, null, 0,
                "config", null, null, null, null, null, null, null);
        store.insert(List.of(a, b, c));
        Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
        expected.put("trace_id=b", List.of("b"));
        expected.put("status=200", List.of("a"));
        expected.put("status=5xx", List.of("b"));
        expected.put("status=error", List.of("c", "b"));
        expected.put("provider=anthropic", List.of("b"));
        expected.put("model=gpt-4o-mini", List.of("a"));               // the model asked for
        expected.put("model=gpt-4o-mini-2024-07-18", List.of("a"));    // the model that answered
        expected.put("key=team-a", List.of("c", "a"));
        expected.put("metadata=team=search", List.of("b", "a"));        // not c, whose value merely contains it
        expected.put("metadata=x_y=50%", List.of("c"));                 // LIKE's wildcards are literal
        expected.put("metadata=x%y=50%", List.of());
        expected.put("from=" + Records.T0.plusSeconds(10), List.of("c", "b"));
        expected.put("to=" + Records.T0.plusSeconds(10).toEpochMilli(), List.of("a"));
        expected.put("provider=openai&status=4xx", List.of("c"));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            Map<String, String> params = new java.util.HashMap<>();
            for (String pair : e.getKey().split("&")) {
                int eq = pair.indexOf('=');
                params.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            assertEquals(e.getValue(), traces(store.find(LogQuery.parse(params::get))), e.getKey());
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void statsSumPerModelPerKeyAndOverTime(DataSource ds) throws SQLException {
        RequestLogStore store = emptyStore(ds);
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 1; i <= 20; i++) { // latencies 10, 20, … 200 ms; two errors
            records.add(Records.with(Records.chat("m" + i, i), "openai", "gpt-4o-mini", i <= 2 ? 502 : 200, i * 10, "team-a"));
        }
        RequestRecord hit = Records.chat("hit", 90);
        records.add(new RequestRecord(hit.timestamp(), "hit", "team-b", Map.of(), hit.route(), "anthropic-messages",
                "anthropic", null, "claude", "claude", 200, null, true, 50, 1.0, 40.0, 45.0, 1, "config.targets[1]",
                100L, null, 10L, null, new BigDecimal("0.5"), "HIT", "[{\"id\":\"pii\",\"verdict\":true}]"));
        records.add(Records.chat("old", -7200)); // outside the hour
        store.insert(records);

        LogStats stats = store.stats(StatsWindow.HOUR, Records.T0.plusSeconds(600));
        LogStats.ModelStats gpt = stats.byModel().get(0);
        assertEquals(List.of("openai/gpt-4o-mini", "anthropic/claude"),
                stats.byModel().stream().map(m -> m.provider() + "/" + m.model()).toList());
        assertEquals(20, gpt.requests());
        assertEquals(2, gpt.errors());
        assertEquals(105.0, gpt.p50LatencyMs(), 0.001);
        assertEquals(190.5, gpt.p95LatencyMs(), 0.001);
        assertEquals(240, gpt.inputTokens());
        assertEquals(600, gpt.outputTokens());
        assertEquals(0, new BigDecimal("0.000246").compareTo(gpt.costUsd()));

        assertEquals(List.of("team-a", "team-b"), stats.byKey().stream().map(LogStats.KeyStats::keyName).toList());
        assertEquals(100, stats.byKey().get(1).inputTokens());
        assertEquals(0, new BigDecimal("0.5").compareTo(stats.byKey().get(1).costUsd()));

        // 1-minute buckets: seconds 1-20 in the first, 90 in the second.
        assertEquals(2, stats.series().size());
        LogStats.Bucket first = stats.series().get(0);
        assertEquals(Records.T0, first.start());
        assertEquals(20, first.requests());
        assertEquals(2, first.errors());
        LogStats.Bucket second = stats.series().get(1);
        assertEquals(Records.T0.plusSeconds(60), second.start());
        assertEquals(1, second.cacheLookups());
        assertEquals(1, second.cacheHits());
        assertEquals(20, first.cacheLookups());
        assertEquals(0, first.cacheHits());

        assertEquals(List.of("openai", "anthropic"),
                stats.byProviderOverTime().stream().map(LogStats.ProviderBucket::provider).toList());
        assertEquals(840, stats.byProviderOverTime().get(0).tokens());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void retentionDeletesByAgeThenByCount(DataSource ds) throws SQLException {
        RequestLogStore store = emptyStore(ds);
        List<RequestRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(Records.chat("r" + i, i * 60));
        }
        store.insert(records);
        Instant oldest = Records.T0.plusSeconds(120); // r0, r1 are older
        assertEquals(2, store.retain(oldest, 100));
        assertEquals(8, store.count());
        assertEquals(3, store.retain(oldest, 5)); // keeps the newest five
        assertEquals(List.of("r9", "r8", "r7", "r6", "r5"), traces(store.find(LogQuery.ALL)));
        assertEquals(0, store.retain(oldest, 5));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theStoreIsReachableAndFlushes(DataSource ds) throws SQLException {
        RequestLogStore store = emptyStore(ds);
        assertTrue(store.reachable());
        store.insert(List.of(Records.chat("kept", 0)));
        store.checkpoint();
        assertEquals(1, store.count());
    }
}
