package io.gatehouse.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The request log: one record per request, queued off the request path and written in batches to a JDBC
 * store (H2 in a file by default, or the app server's pool by JNDI name, e.g. PostgreSQL).
 *
 * @param enabled          whether requests are recorded at all (the admin API then has nothing to show)
 * @param dataDir          where the embedded H2 database lives ({@code requests.mv.db}); relative to the
 *                         working directory
 * @param jndiName         a container datasource to write to instead of H2, or null
 * @param queueCapacity    records held while the writer catches up; beyond, new records are dropped and counted
 * @param batchSize        records written per batch at most
 * @param maxAge           records older than this are deleted
 * @param maxRows          at most this many records are kept (the oldest go first)
 * @param jsonLines        whether each record is also written as one JSON line to standard output (the console log)
 * @param adminRemote      whether an open gateway (no gateway keys) serves {@code /admin} to other hosts than loopback
 */
public record RequestLogSettings(boolean enabled, Path dataDir, String jndiName, int queueCapacity, int batchSize,
                                 Duration maxAge, long maxRows, boolean jsonLines, boolean adminRemote) {
    public static final RequestLogSettings DEFAULTS = new RequestLogSettings(true, Path.of("gatehouse-data"), null,
            10_000, 500, Duration.ofDays(30), 1_000_000, true, false);
}
