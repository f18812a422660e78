import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's OpenAI-compatible fake provider, run with `java FakeProvider.java PORT LATENCY_MS JITTER_MS`.
 * JSON chat answers, SSE streams when the body asks "stream":true (8 events, 5 ms apart after the first),
 * and /v1/upload which reads and discards any body. Latency is served from a scheduler, not by parking
 * threads, so it measures the gateway and not the fake.
 */
public final class FakeProvider {
    static final byte[] ANSWER = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1700000000,"
            + "\"model\":\"bench\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello from the "
            + "fake provider.\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":6,"
            + "\"total_tokens\":18}}").getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int latency = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int jitter = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            byte[] body = readAll(exchange.getRequestBody());
            boolean stream = indexOf(body, "\"stream\":true") >= 0 || indexOf(body, "\"stream\": true") >= 0;
            long delay = latency + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextInt(-jitter, jitter + 1));
            Runnable answer = () -> {
                try {
                    if (exchange.getRequestURI().getPath().endsWith("/upload")) {
                        reply(exchange, "{\"received\":" + body.length + "}");
                    } else if (stream) {
                        streamEvents(exchange, clock);
                    } else {
                        exchange.getResponseHeaders().set("Content-Type", "application/json");
                        exchange.sendResponseHeaders(200, ANSWER.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(ANSWER);
                        }
                    }
                } catch (IOException e) {
                    exchange.close();
                }
            };
            if (delay <= 0) {
                answer.run();
            } else {
                clock.schedule(answer, delay, TimeUnit.MILLISECONDS);
            }
        });
        server.start();
        System.out.println("fake provider on 127.0.0.1:" + port + " latency " + latency + "±" + jitter + " ms");
    }

    static void streamEvents(HttpExchange exchange, ScheduledExecutorService clock) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        sendEvent(exchange, out, 0, clock);
    }

    static void sendEvent(HttpExchange exchange, OutputStream out, int i, ScheduledExecutorService clock) {
        try {
            if (i == 8) {
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
                out.close();
                return;
            }
            String chunk = "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                    + "\"model\":\"bench\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok" + i + " \"}}]}\n\n";
            out.write(chunk.getBytes(StandardCharsets.UTF_8));
            out.flush();
            clock.schedule(() -> sendEvent(exchange, out, i + 1, clock), 5, TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            exchange.close();
        }
    }

    static void reply(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static byte[] readAll(InputStream in) throws IOException {
        // Uploads are counted and discarded; chat bodies are small and kept.
        java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (kept.size() < 64 * 1024) {
                kept.write(buffer, 0, n);
            }
        }
        return kept.toByteArray();
    }

    static int indexOf(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
