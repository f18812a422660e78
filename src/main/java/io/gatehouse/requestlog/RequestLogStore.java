package io.gatehouse.requestlog;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The request log's table, over any JDBC datasource: H2 (the embedded default) and PostgreSQL alike, so
 * only SQL both speak — epoch milliseconds for time, {@code PERCENTILE_CONT … WITHIN GROUP} for percentiles.
 * Metadata is kept as JSON text with sorted keys, so a {@code key=value} filter is a {@code LIKE} on it.
 */
public final class RequestLogStore {
    /** Looked up once: {@code Json.create…} looks the provider up (a service-loader scan) on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();
    static final String TABLE = "gatehouse_request_log";
    private static final String COLUMNS = "ts_ms, trace_id, key_name, metadata, route, client_format, provider, entry, "
            + "model_requested, model, status, error_code, stream, latency_ms, gateway_ms, upstream_ms, first_byte_ms, "
            + "retries, target, input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost_usd, "
            + "cache_status, guardrails";
    private static final String INSERT = "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES ("
            + "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private final DataSource dataSource;

    private RequestLogStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The store on {@code dataSource}, its table and indexes created when missing. */
    public static RequestLogStore open(DataSource dataSource) throws SQLException {
        RequestLogStore store = new RequestLogStore(dataSource);
        store.createSchema();
        return store;
    }

    private void createSchema() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + "ts_ms BIGINT NOT NULL, trace_id VARCHAR(256) NOT NULL, key_name VARCHAR(256) NOT NULL, "
                    + "metadata VARCHAR, route VARCHAR(2048), client_format VARCHAR(32), provider VARCHAR(128), "
                    + "entry VARCHAR(256), model_requested VARCHAR(256), model VARCHAR(256), status INT NOT NULL, "
                    + "error_code VARCHAR(128), stream BOOLEAN NOT NULL, latency_ms DOUBLE PRECISION NOT NULL, "
                    + "gateway_ms DOUBLE PRECISION, upstream_ms DOUBLE PRECISION, first_byte_ms DOUBLE PRECISION, "
                    + "retries INT NOT NULL, target VARCHAR(256), input_tokens BIGINT, cached_input_tokens BIGINT, "
                    + "output_tokens BIGINT, reasoning_tokens BIGINT, cost_usd NUMERIC(20,10), cache_status VARCHAR(32), "
                    + "guardrails VARCHAR)");
            s.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_ts ON " + TABLE + " (ts_ms)");
            s.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_trace ON " + TABLE + " (trace_id)");
        }
    }

    /** Whether the store answers (for readiness checks). */
    public boolean reachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Writes a batch in one transaction. */
    public void insert(List<RequestRecord> records) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (RequestRecord r : records) {
                    bind(ps, r);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static void bind(PreparedStatement ps, RequestRecord r) throws SQLException {
        int i = 0;
        ps.setLong(++i, r.timestamp().toEpochMilli());
        ps.setString(++i, r.traceId());
        ps.setString(++i, r.keyName());
        ps.setString(++i, metadataJson(r.metadata()));
        ps.setString(++i, r.route());
        ps.setString(++i, r.clientFormat());
        ps.setString(++i, r.provider());
        ps.setString(++i, r.entry());
        ps.setString(++i, r.modelRequested());
        ps.setString(++i, r.model());
        ps.setInt(++i, r.status());
        ps.setString(++i, r.errorCode());
        ps.setBoolean(++i, r.stream());
        ps.setDouble(++i, r.latencyMs());
        setDouble(ps, ++i, r.gatewayMs());
        setDouble(ps, ++i, r.upstreamMs());
        setDouble(ps, ++i, r.firstByteMs());
        ps.setInt(++i, r.retries());
        ps.setString(++i, r.target());
        setLong(ps, ++i, r.inputTokens());
        setLong(ps, ++i, r.cachedInputTokens());
        setLong(ps, ++i, r.outputTokens());
        setLong(ps, ++i, r.reasoningTokens());
        ps.setBigDecimal(++i, r.costUsd());
        ps.setString(++i, r.cacheStatus());
        ps.setString(++i, r.guardrails());
    }

    /** One page of the search, newest first. */
    public List<RequestRecord> find(LogQuery q) throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        condition(where, args, "trace_id = ?", q.traceId());
        condition(where, args, "status >= ?", q.statusMin());
        condition(where, args, "status <= ?", q.statusMax());
        condition(where, args, "provider = ?", q.provider());
        if (q.model() != null) {
            where.append(" AND (model = ? OR model_requested = ?)");
            args.add(q.model());
            args.add(q.model());
        }
        condition(where, args, "key_name = ?", q.keyName());
        if (q.metadataKey() != null) {
            String pair = JSON.createObjectBuilder().add(q.metadataKey(), q.metadataValue()).build().toString();
            condition(where, args, "metadata LIKE ? ESCAPE '\\'", "%" + likeEscaped(pair.substring(1, pair.length() - 1)) + "%");
        }
        condition(where, args, "ts_ms >= ?", q.from() == null ? null : q.from().toEpochMilli());
        condition(where, args, "ts_ms < ?", q.to() == null ? null : q.to().toEpochMilli());
        String sql = "SELECT " + COLUMNS + " FROM " + TABLE + where + " ORDER BY ts_ms DESC LIMIT " + q.limit() + " OFFSET " + q.offset();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<RequestRecord> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
            return found;
        }
    }

    private static void condition(StringBuilder where, List<Object> args, String clause, Object value) {
        if (value != null) {
            where.append(" AND ").append(clause);
            args.add(value);
        }
    }

    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static RequestRecord read(ResultSet rs) throws SQLException {
        return new RequestRecord(Instant.ofEpochMilli(rs.getLong("ts_ms")), rs.getString("trace_id"), rs.getString("key_name"),
                metadata(rs.getString("metadata")), rs.getString("route"), rs.getString("client_format"),
                rs.getString("provider"), rs.getString("entry"), rs.getString("model_requested"), rs.getString("model"),
                rs.getInt("status"), rs.getString("error_code"), rs.getBoolean("stream"), rs.getDouble("latency_ms"),
                getDouble(rs, "gateway_ms"), getDouble(rs, "upstream_ms"), getDouble(rs, "first_byte_ms"),
                rs.getInt("retries"), rs.getString("target"), getLong(rs, "input_tokens"), getLong(rs, "cached_input_tokens"),
                getLong(rs, "output_tokens"), getLong(rs, "reasoning_tokens"), cost(rs.getBigDecimal("cost_usd")),
                rs.getString("cache_status"), rs.getString("guardrails"));
    }

    /** Per provider and model, per key, and over time, for requests since {@code now - window}. */
    public LogStats stats(StatsWindow window, Instant now) throws SQLException {
        long since = now.minus(window.length()).toEpochMilli();
        try (Connection c = dataSource.getConnection()) {
            return new LogStats(byModel(c, since), byKey(c, since), series(c, since, window.bucket()),
                    byProviderOverTime(c, since, window.bucket()));
        }
    }

    private static final String ERRORS = "SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END)";
    private static final String P50 = "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY latency_ms)";
    private static final String P95 = "PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY latency_ms)";

    private List<LogStats.ModelStats> byModel(Connection c, long since) throws SQLException {
        String sql = "SELECT provider, model, COUNT(*) AS n, " + ERRORS + " AS errors, " + P50 + " AS p50, " + P95 + " AS p95, "
                + "SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens, SUM(cost_usd) AS cost "
                + "FROM " + TABLE + " WHERE ts_ms >= ? GROUP BY provider, model ORDER BY n DESC";
        List<LogStats.ModelStats> rows = new ArrayList<>();
        query(c, sql, since, rs -> rows.add(new LogStats.ModelStats(rs.getString("provider"), rs.getString("model"),
                rs.getLong("n"), rs.getLong("errors"), rs.getDouble("p50"), rs.getDouble("p95"), rs.getLong("input_tokens"),
                rs.getLong("output_tokens"), cost(rs.getBigDecimal("cost")))));
        return rows;
    }

    private List<LogStats.KeyStats> byKey(Connection c, long since) throws SQLException {
        String sql = "SELECT key_name, COUNT(*) AS n, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens, "
                + "SUM(cost_usd) AS cost FROM " + TABLE + " WHERE ts_ms >= ? GROUP BY key_name ORDER BY n DESC";
        List<LogStats.KeyStats> rows = new ArrayList<>();
        query(c, sql, since, rs -> rows.add(new LogStats.KeyStats(rs.getString("key_name"), rs.getLong("n"),
                rs.getLong("input_tokens"), rs.getLong("output_tokens"), cost(rs.getBigDecimal("cost")))));
        return rows;
    }

    private List<LogStats.Bucket> series(Connection c, long since, Duration bucket) throws SQLException {
        String start = bucketStart(bucket);
        String sql = "SELECT " + start + " AS bucket, COUNT(*) AS n, " + ERRORS + " AS errors, " + P50 + " AS p50, "
                + P95 + " AS p95, SUM(CASE WHEN cache_status IS NULL THEN 0 ELSE 1 END) AS lookups, "
                + "SUM(CASE WHEN cache_status = 'HIT' THEN 1 ELSE 0 END) AS hits FROM " + TABLE
                + " WHERE ts_ms >= ? GROUP BY " + start + " ORDER BY bucket";
        List<LogStats.Bucket> rows = new ArrayList<>();
        query(c, sql, since, rs -> rows.add(new LogStats.Bucket(Instant.ofEpochMilli(rs.getLong("bucket")), rs.getLong("n"),
                rs.getLong("errors"), rs.getDouble("p50"), rs.getDouble("p95"), rs.getLong("lookups"), rs.getLong("hits"))));
        return rows;
    }

    private List<LogStats.ProviderBucket> byProviderOverTime(Connection c, long since, Duration bucket) throws SQLException {
        String start = bucketStart(bucket);
        String sql = "SELECT " + start + " AS bucket, provider, SUM(COALESCE(input_tokens, 0) + COALESCE(output_tokens, 0)) AS tokens, "
                + "SUM(cost_usd) AS cost FROM " + TABLE + " WHERE ts_ms >= ? AND provider IS NOT NULL GROUP BY " + start
                + ", provider ORDER BY bucket, provider";
        List<LogStats.ProviderBucket> rows = new ArrayList<>();
        query(c, sql, since, rs -> rows.add(new LogStats.ProviderBucket(Instant.ofEpochMilli(rs.getLong("bucket")),
                rs.getString("provider"), rs.getLong("tokens"), cost(rs.getBigDecimal("cost")))));
        return rows;
    }

    /** Integer division on BIGINT in both databases: the bucket's start, in epoch ms (a literal, not a parameter). */
    private static String bucketStart(Duration bucket) {
        long ms = bucket.toMillis();
        return "(ts_ms / " + ms + ") * " + ms;
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, long since, RowReader row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, since);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.read(rs);
                }
            }
        }
    }

    /**
     * Deletes records older than {@code oldest}, then all but the newest {@code maxRows}.
     *
     * @return records deleted
     */
    public int retain(Instant oldest, long maxRows) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            int deleted;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE ts_ms < ?")) {
                ps.setLong(1, oldest.toEpochMilli());
                deleted = ps.executeUpdate();
            }
            // The newest maxRows-th record's time: everything older goes (records of that same millisecond stay).
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE ts_ms < (SELECT ts_ms FROM "
                    + TABLE + " ORDER BY ts_ms DESC LIMIT 1 OFFSET " + (maxRows - 1) + ")")) {
                deleted += ps.executeUpdate();
            }
            return deleted;
        }
    }

    /**
     * Puts everything written on disk now: H2 otherwise writes in the background within a second, and the
     * gateway keeps it open (other deployments of the same JVM may share it), so this is how a stop ends.
     */
    public void checkpoint() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (c.getMetaData().getDatabaseProductName().equals("H2")) {
                try (Statement s = c.createStatement()) {
                    s.execute("CHECKPOINT");
                }
            }
        }
    }

    /** Records kept. */
    public long count() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Metadata as JSON text with sorted keys, so equal metadata is equal text. */
    static String metadataJson(Map<String, String> metadata) {
        if (metadata.isEmpty()) {
            return null;
        }
        JsonObjectBuilder b = JSON.createObjectBuilder();
        new TreeMap<>(metadata).forEach(b::add);
        return b.build().toString();
    }

    private static Map<String, String> metadata(String json) {
        if (json == null) {
            return Map.of();
        }
        try (JsonReader r = JSON.createReader(new StringReader(json))) {
            Map<String, String> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> e : r.readObject().entrySet()) {
                if (e.getValue() instanceof JsonString s) {
                    m.put(e.getKey(), s.getString());
                }
            }
            return m;
        }
    }

    /** Costs without the column's trailing zeros. */
    private static BigDecimal cost(BigDecimal stored) {
        return stored == null ? null : stored.stripTrailingZeros();
    }

    private static void setDouble(PreparedStatement ps, int i, Double value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, value);
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }

    private static Double getDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Long getLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
