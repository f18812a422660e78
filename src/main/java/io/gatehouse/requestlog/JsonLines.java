package io.gatehouse.requestlog;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Each record as one JSON line (the object {@code /admin/logs} shows) on the server's standard output — its
 * console log, where container log shippers read — for shippers. Written straight to the process's standard
 * output, one write per line (whole lines: a line never interleaves with the container's own), not through
 * the container's log formatter: that doubled the gateway's CPU per request ({@code bench/results/request-log.md})
 * and wrapped each line in a prefix a shipper would have to cut off.
 */
final class JsonLines implements Consumer<List<RequestRecord>> {
    private static final Logger LOG = Logger.getLogger(JsonLines.class.getName());

    private final OutputStream out;
    private boolean failed;

    JsonLines(OutputStream out) {
        this.out = out;
    }

    /** Lines on the process's standard output, whatever {@code System.out} was redirected to. */
    static JsonLines toStandardOutput() {
        return new JsonLines(new FileOutputStream(FileDescriptor.out));
    }

    @Override
    public void accept(List<RequestRecord> batch) {
        try {
            for (RequestRecord r : batch) {
                out.write((RecordJson.of(r).toString() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        } catch (IOException e) {
            if (!failed) { // once: a closed standard output would otherwise log on every batch
                failed = true;
                LOG.log(Level.WARNING, "request log: JSON lines could not be written to standard output", e);
            }
        }
    }
}
