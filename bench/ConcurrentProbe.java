import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many concurrent long calls, on JDK 21+ (virtual threads):
 * `java ConcurrentProbe.java URL N stream|json DEADLINE_S [Header=value ...]`.
 *
 * Opens N connections at once (each on its own virtual thread with a blocking socket, released together by
 * a latch), sends each an OpenAI chat POST (`"stream":true` for `stream`) with `Connection: close`, and reads
 * every answer to its end: a plain HTTP/1.1 client (Content-Length, chunked, or to EOF), so nothing between the
 * probe and the socket pools, limits or queues connections. A call is good when the status is 200 and, for a
 * stream, the body ends with `data: [DONE]`; for JSON, when it holds a "choices" array.
 *
 * Prints one line: `RESULT n= ok= errors= unfinished= wall_s= ttfb_p50= ttfb_p99= total_p50= total_p99=
 * sent_p99=` (seconds; sent = the request written to the socket, so sent_p99 shows how long opening all the
 * connections took). wall_s runs from the first request released to the last answer complete. First byte = first
 * byte of the response body. Percentiles are over all N calls, and a call that never got there counts as
 * later than any other (printed as `inf` when it lands on the percentile). At DEADLINE_S every socket still
 * open is closed and its call counted as unfinished, so a run always ends. Error kinds go to stderr.
 */
public final class ConcurrentProbe {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int n = Integer.parseInt(args[1]);
        boolean stream = args[2].equals("stream");
        long deadlineMs = (long) (Double.parseDouble(args[3]) * 1000);
        StringBuilder extra = new StringBuilder();
        for (int a = 4; a < args.length; a++) {
            int eq = args[a].indexOf('=');
            extra.append(args[a], 0, eq).append(": ").append(args[a].substring(eq + 1)).append("\r\n");
        }
        String body = "{\"model\":\"bench\"," + (stream ? "\"stream\":true," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a long story\"}]}";
        int port = uri.getPort() > 0 ? uri.getPort() : 80;
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] request = ("POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port + "\r\n"
                + "Content-Type: application/json\r\nAccept: " + (stream ? "text/event-stream" : "application/json") + "\r\n"
                + "Authorization: Bearer sk-bench\r\nConnection: close\r\n" + extra
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.UTF_8);
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), port);

        warmUp(Math.min(n, 2000), stream, extra.toString(), body);
        long[] firstByte = new long[n];
        long[] done = new long[n];
        long[] sent = new long[n];
        boolean[] ok = new boolean[n];
        java.util.concurrent.atomic.AtomicIntegerArray ended = new java.util.concurrent.atomic.AtomicIntegerArray(n);
        Socket[] sockets = new Socket[n];
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(n);
        long[] t0 = new long[1];
        int readTimeoutMs = (int) Math.min(Integer.MAX_VALUE, deadlineMs + 5000);
        for (int i = 0; i < n; i++) {
            int id = i;
            Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    call(address, request, stream, id, sockets, readTimeoutMs, (int) Math.min(deadlineMs, 60_000),
                            firstByte, sent, done, ok, errors);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    ended.set(id, 1);
                    finished.countDown();
                }
            });
        }
        Thread.sleep(200); // let every virtual thread reach the latch
        t0[0] = System.nanoTime();
        go.countDown();
        boolean all = finished.await(deadlineMs, TimeUnit.MILLISECONDS);
        int unfinished = 0;
        boolean[] endedInTime = new boolean[n];
        for (int i = 0; i < n; i++) {
            endedInTime[i] = ended.get(i) == 1;
        }
        Map<String, AtomicInteger> sorted = new TreeMap<>();
        errors.forEach((k, v) -> sorted.put(k, new AtomicInteger(v.get())));
        if (!all) {
            for (int i = 0; i < n; i++) {
                if (!endedInTime[i]) {
                    unfinished++;
                }
            }
            for (Socket s : sockets) { // end every call still open, so the run ends
                if (s != null) {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                    }
                }
            }
            finished.await(10, TimeUnit.SECONDS);
        }
        long start = t0[0];
        int good = 0;
        long last = 0;
        double[] ttfb = new double[n];
        double[] total = new double[n];
        double[] sentAt = new double[n];
        for (int i = 0; i < n; i++) {
            ttfb[i] = firstByte[i] == 0 ? Double.POSITIVE_INFINITY : (firstByte[i] - start) / 1e9;
            sentAt[i] = sent[i] == 0 ? Double.POSITIVE_INFINITY : (sent[i] - start) / 1e9;
            total[i] = ok[i] && endedInTime[i] ? (done[i] - start) / 1e9 : Double.POSITIVE_INFINITY;
            if (ok[i] && endedInTime[i]) {
                good++;
                last = Math.max(last, done[i]);
            }
        }
        int errorCount = n - good - unfinished;
        double wall = !all ? deadlineMs / 1000.0 : good == 0 ? 0 : (last - start) / 1e9;
        sorted.forEach((k, v) -> System.err.println("  error: " + v + " x " + k));
        System.out.printf(Locale.ROOT, "RESULT n=%d ok=%d errors=%d unfinished=%d wall_s=%.2f%s ttfb_p50=%s ttfb_p99=%s total_p50=%s total_p99=%s sent_p99=%s%n",
                n, good, errorCount, unfinished, wall, all ? "" : " deadline=1", pct(ttfb, 50), pct(ttfb, 99), pct(total, 50), pct(total, 99), pct(sentAt, 99));
        System.exit(0);
    }

    static void call(InetSocketAddress address, byte[] request, boolean stream, int id, Socket[] sockets, int readTimeoutMs,
            int connectTimeoutMs, long[] firstByte, long[] sent, long[] done, boolean[] ok, Map<String, AtomicInteger> errors) {
        try {
            Socket s = new Socket();
            sockets[id] = s;
            s.setTcpNoDelay(true);
            s.setSoTimeout(readTimeoutMs);
            s.connect(address, connectTimeoutMs);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            sent[id] = System.nanoTime();
            InputStream in = new BufferedInputStream(s.getInputStream(), 4096);
            String error = read(in, stream, id, firstByte, done);
            if (error == null) {
                ok[id] = true;
            } else {
                errors.computeIfAbsent(error, k -> new AtomicInteger()).incrementAndGet();
            }
        } catch (SocketTimeoutException e) {
            errors.computeIfAbsent("read timeout", k -> new AtomicInteger()).incrementAndGet();
        } catch (Exception e) {
            String kind = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).replaceAll("[0-9]+", "#");
            errors.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        } finally {
            Socket s = sockets[id];
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                }
            }
        }
    }

    /**
     * Runs the probe's own code (connect, send, parse, check) for `count` concurrent calls against an
     * in-process loopback server that answers at once, so the JIT has compiled it before the measured burst and
     * the target sees nothing of it.
     */
    static void warmUp(int count, boolean stream, String extra, String body) throws Exception {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 16384, java.net.InetAddress.getLoopbackAddress());
        Thread acceptor = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket c = server.accept();
                    Thread.ofVirtual().start(() -> {
                        try (c) {
                            InputStream in = new BufferedInputStream(c.getInputStream());
                            long length = 0;
                            for (String h; (h = line(in)) != null && !h.isEmpty(); ) {
                                if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                                    length = Long.parseLong(h.substring(15).trim());
                                }
                            }
                            in.skipNBytes(length);
                            String payload = stream ? "data: {\"choices\":[]}\n\ndata: [DONE]\n\n" : "{\"choices\":[]}";
                            String reply = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                                    + Integer.toHexString(payload.length()) + "\r\n" + payload + "\r\n0\r\n\r\n";
                            c.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
                        } catch (IOException ignored) {
                        }
                    });
                } catch (IOException e) {
                    return;
                }
            }
        });
        InetSocketAddress address = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), server.getLocalPort());
        byte[] request = ("POST /v1/chat/completions HTTP/1.1\r\nHost: warm\r\nConnection: close\r\n" + extra
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 2; round++) {
            long[] a = new long[count], b = new long[count], c = new long[count];
            boolean[] ok = new boolean[count];
            Socket[] sockets = new Socket[count];
            Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
            CountDownLatch finished = new CountDownLatch(count);
            for (int i = 0; i < count; i++) {
                int id = i;
                Thread.ofVirtual().start(() -> {
                    try {
                        call(address, request, stream, id, sockets, 10_000, 10_000, a, b, c, ok, errors);
                    } finally {
                        finished.countDown();
                    }
                });
            }
            finished.await(30, TimeUnit.SECONDS);
        }
        server.close();
        acceptor.join(1000);
    }

    /** Reads one response to its end; returns null when good, else what was wrong. */
    static String read(InputStream in, boolean stream, int id, long[] firstByte, long[] done) throws IOException {
        String status = line(in);
        if (status == null) {
            return "closed before the status line";
        }
        int code = status.length() >= 12 ? Integer.parseInt(status.substring(9, 12)) : -1;
        long length = -1;
        boolean chunked = false;
        for (String h; (h = line(in)) != null && !h.isEmpty(); ) {
            String lower = h.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        Tail tail = new Tail();
        if (chunked) {
            while (true) {
                String size = line(in);
                if (size == null) {
                    return "broken chunked body (status " + code + ")";
                }
                int semi = size.indexOf(';');
                long chunk = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
                if (chunk == 0) {
                    while (true) { // trailers
                        String t = line(in);
                        if (t == null || t.isEmpty()) {
                            break;
                        }
                    }
                    break;
                }
                if (!copy(in, chunk, tail, id, firstByte)) {
                    return "broken chunked body (status " + code + ")";
                }
                line(in);
            }
        } else if (length >= 0) {
            if (!copy(in, length, tail, id, firstByte)) {
                return "body shorter than Content-Length (status " + code + ")";
            }
        } else {
            copy(in, Long.MAX_VALUE, tail, id, firstByte);
        }
        done[id] = System.nanoTime();
        if (code != 200) {
            return "status " + code;
        }
        String end = tail.text().strip();
        if (stream) {
            return end.endsWith("data: [DONE]") ? null : "stream without data: [DONE]";
        }
        return tail.sawChoices || end.contains("\"choices\"") ? null : "JSON answer without choices";
    }

    /** The last bytes of a body, enough to check how it ends. */
    static final class Tail {
        final byte[] buf = new byte[256];
        int len;
        boolean sawChoices;

        void add(byte[] b, int off, int n) {
            if (!sawChoices && new String(b, off, n, StandardCharsets.ISO_8859_1).contains("\"choices\"")) {
                sawChoices = true;
            }
            if (n >= buf.length) {
                System.arraycopy(b, off + n - buf.length, buf, 0, buf.length);
                len = buf.length;
            } else {
                int keep = Math.min(len, buf.length - n);
                System.arraycopy(buf, len - keep, buf, 0, keep);
                System.arraycopy(b, off, buf, keep, n);
                len = keep + n;
            }
        }

        String text() {
            return new String(buf, 0, len, StandardCharsets.UTF_8);
        }
    }

    static boolean copy(InputStream in, long n, Tail tail, int id, long[] firstByte) throws IOException {
        byte[] b = new byte[2048];
        long left = n;
        while (left > 0) {
            int r = in.read(b, 0, (int) Math.min(b.length, left));
            if (r < 0) {
                return n == Long.MAX_VALUE;
            }
            if (firstByte[id] == 0) {
                firstByte[id] = System.nanoTime();
            }
            tail.add(b, 0, r);
            left -= r;
        }
        return true;
    }

    static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = b.size();
                byte[] bytes = b.toByteArray();
                return new String(bytes, 0, len > 0 && bytes[len - 1] == '\r' ? len - 1 : len, StandardCharsets.ISO_8859_1);
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    static String pct(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double v = sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
        return Double.isInfinite(v) ? "inf" : String.format(Locale.ROOT, "%.3f", v);
    }
}
