package io.gatehouse.requestlog;

import io.gatehouse.config.RequestLogSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The request log as the runtime holds it: records queued off the request path, written in batches to the
 * store (and, unless turned off, to standard output as JSON lines), old ones deleted every few minutes.
 */
public final class RequestLog implements RequestLogSink, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RequestLog.class.getName());
    private static final long RETENTION_EVERY_SECONDS = 300;

    private final RequestLogStore store;
    private final RecordQueue queue;
    private final ScheduledExecutorService retention;

    private RequestLog(RequestLogStore store, RecordQueue queue, ScheduledExecutorService retention) {
        this.store = store;
        this.queue = queue;
        this.retention = retention;
    }

    /** The request log the settings ask for: H2 under the data directory, or the container's datasource. */
    public static RequestLog start(RequestLogSettings settings, Clock clock) throws SQLException {
        RequestLogStore store = RequestLogStore.open(dataSource(settings));
        JsonLines lines = settings.jsonLines() ? JsonLines.toStandardOutput() : null;
        RecordQueue queue = new RecordQueue(settings.queueCapacity(), settings.batchSize(), batch -> {
            if (lines != null) {
                lines.accept(batch);
            }
            write(store, batch);
        }).start();
        ScheduledExecutorService retention = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gatehouse-request-log-retention");
            t.setDaemon(true);
            return t;
        });
        retention.scheduleWithFixedDelay(() -> {
            try {
                int deleted = store.retain(clock.instant().minus(settings.maxAge()), settings.maxRows());
                if (deleted > 0) {
                    LOG.fine(() -> "request log: deleted " + deleted + " old records");
                }
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "request log: old records could not be deleted", e);
            }
        }, 10, RETENTION_EVERY_SECONDS, TimeUnit.SECONDS);
        return new RequestLog(store, queue, retention);
    }

    private static void write(RequestLogStore store, List<RequestRecord> batch) {
        try {
            store.insert(batch);
        } catch (SQLException e) {
            throw new IllegalStateException("request log store refused a batch: " + e.getMessage(), e);
        }
    }

    static DataSource dataSource(RequestLogSettings settings) throws SQLException {
        if (settings.jndiName() != null) {
            try {
                return (DataSource) new InitialContext().lookup(settings.jndiName());
            } catch (NamingException e) {
                throw new SQLException("no datasource named " + settings.jndiName() + " (logs.jndi-name)", e);
            }
        }
        return h2(settings.dataDir());
    }

    /** An embedded H2 database in {@code dir/requests.mv.db}, kept open while the gateway runs. */
    public static DataSource h2(Path dir) throws SQLException {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new SQLException("cannot create the request log's data directory " + absolute, e);
        }
        org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + absolute.resolve("requests") + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE");
        return h2;
    }

    @Override
    public void accept(RequestRecord record) {
        queue.accept(record);
    }

    public RequestLogStore store() {
        return store;
    }

    /** Records dropped because the queue was full. */
    public long dropped() {
        return queue.dropped();
    }

    /** Writes what is queued (for 5 s at most), then puts it on disk. */
    @Override
    public void close() {
        retention.shutdownNow();
        queue.close();
        try {
            store.checkpoint();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "request log: the store could not be flushed at stop", e);
        }
    }
}
