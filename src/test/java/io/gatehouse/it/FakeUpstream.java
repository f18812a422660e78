package io.gatehouse.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scriptable HTTP/1.1 provider on 127.0.0.1, written on a raw socket so tests control the wire:
 * drip SSE events, stall, reset the connection mid-body. It records every request (headers, raw
 * query, body hash) and notices when the gateway hangs up on it.
 */
public final class FakeUpstream implements AutoCloseable {
    static final int KEPT_BODY_BYTES = 1 << 20;

    /** Answers one request. */
    @FunctionalInterface
    public interface Responder {
        void respond(RecordedRequest request, Exchange exchange) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-upstream");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Responder> routes = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final BlockingQueue<RecordedRequest> arrivals = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> hangUps = new LinkedBlockingQueue<>();
    private volatile Responder fallback = (req, ex) -> ex.json(404, "{\"error\":{\"message\":\"no such fake route\"}}");

    private FakeUpstream(ServerSocket server) {
        this.server = server;
        threads.execute(this::acceptLoop);
    }

    public static FakeUpstream start() throws IOException {
        ServerSocket socket = new ServerSocket();
        // A deep backlog: tests open hundreds of connections at once.
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        return new FakeUpstream(socket);
    }

    /** {@link #start()} for a static field: a class's fakes start before its deployment, which names their ports. */
    public static FakeUpstream started() {
        try {
            return start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public int port() {
        return server.getLocalPort();
    }

    public FakeUpstream on(String method, String path, Responder responder) {
        routes.put(method + " " + path, responder);
        return this;
    }

    public FakeUpstream otherwise(Responder responder) {
        fallback = responder;
        return this;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public RecordedRequest takeRequest(long timeoutMillis) throws InterruptedException {
        return arrivals.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Waits for the gateway to close a connection while a response was being written. */
    public String awaitHangUp(long timeoutMillis) throws InterruptedException {
        return hangUps.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    public void reset() {
        routes.clear();
        requests.clear();
        arrivals.clear();
        hangUps.clear();
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                RecordedRequest request = readRequest(in);
                if (request == null) {
                    return;
                }
                requests.add(request);
                arrivals.add(request);
                Exchange exchange = new Exchange(socket, out);
                Responder responder = routes.getOrDefault(request.method() + " " + request.path(), fallback);
                try {
                    responder.respond(request, exchange);
                } catch (IOException e) {
                    hangUps.add(request.method() + " " + request.path() + ": " + e);
                    return;
                }
                if (exchange.closed) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // connection ended
        }
    }

    private static RecordedRequest readRequest(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null || requestLine.isEmpty()) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        String target = parts[1];
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        String line;
        while ((line = readLine(in)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        BodySink sink = new BodySink();
        boolean chunked = headers.getOrDefault("transfer-encoding", List.of()).stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"));
        if (chunked) {
            while (true) {
                String sizeLine = readLine(in);
                int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
                if (size == 0) {
                    while ((line = readLine(in)) != null && !line.isEmpty()) {
                        // trailers
                    }
                    break;
                }
                sink.copy(in, size);
                readLine(in);
            }
        } else if (headers.containsKey("content-length")) {
            sink.copy(in, Long.parseLong(headers.get("content-length").get(0)));
        }
        return new RecordedRequest(parts[0], path, query, headers, sink.kept.toByteArray(), sink.size, sink.hex(), chunked);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Hashes the whole body, keeps its first MiB. */
    private static final class BodySink {
        final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        final MessageDigest sha;
        long size;

        BodySink() {
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        void copy(InputStream in, long count) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            long left = count;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("body ended early");
                }
                sha.update(buffer, 0, n);
                int keep = (int) Math.min(n, Math.max(0, KEPT_BODY_BYTES - kept.size()));
                kept.write(buffer, 0, keep);
                size += n;
                left -= n;
            }
        }

        String hex() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    /** Writes one response, piece by piece. */
    public static final class Exchange {
        private final Socket socket;
        private final OutputStream out;
        private boolean chunked;
        boolean closed;

        Exchange(Socket socket, OutputStream out) {
            this.socket = socket;
            this.out = out;
        }

        /** A complete response with a Content-Length. */
        public void respond(int status, Map<String, String> headers, byte[] body) throws IOException {
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        }

        /** A response with a Content-Length whose body is copied from {@code body}, never held whole. */
        public void respond(int status, Map<String, String> headers, long length, InputStream body) throws IOException {
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("Content-Length: ").append(length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            body.transferTo(out);
            out.flush();
        }

        public void json(int status, String body) throws IOException {
            respond(status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
        }

        /** Starts a chunked response; send parts with {@link #chunk}, end with {@link #end}. */
        public void begin(int status, Map<String, String> headers) throws IOException {
            StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " X\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            chunked = true;
        }

        public void beginEvents() throws IOException {
            begin(200, Map.of("Content-Type", "text/event-stream", "Cache-Control", "no-cache"));
        }

        public void chunk(byte[] bytes) throws IOException {
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        public void chunk(String text) throws IOException {
            chunk(text.getBytes(StandardCharsets.UTF_8));
        }

        /** One SSE event: {@code data: <json>} and a blank line. */
        public void event(String data) throws IOException {
            chunk("data: " + data + "\n\n");
        }

        public void end() throws IOException {
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        }

        /** Kills the connection with a TCP reset, as a crashing upstream would. */
        public void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
            closed = true;
        }

        /** Closes without answering anything. */
        public void hangUp() throws IOException {
            socket.close();
            closed = true;
        }
    }
}
