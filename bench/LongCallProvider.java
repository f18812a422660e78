import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's fake provider for LONG calls, on JDK 21+ (virtual threads):
 * `java LongCallProvider.java STREAM_PORT JSON_PORT [EVENTS INTERVAL_MS JSON_DELAY_MS]`.
 *
 * STREAM_PORT answers every POST with an OpenAI SSE stream: a chat.completion.chunk immediately, then one
 * every INTERVAL_MS (default 500) until EVENTS chunks (default 20) have gone (so 20 x 500 ms = 10 s), then a
 * finish chunk, a usage chunk and `data: [DONE]`. JSON_PORT answers every POST with a non-streamed
 * chat.completion after JSON_DELAY_MS (default 5000). The mode is picked by the port, not the body, so the
 * gateway in between may rewrite the body as it likes.
 *
 * Each call runs on its own virtual thread that sleeps between writes: 10,000 calls cost 10,000 small
 * stacks on the heap, not 10,000 platform threads. The listen backlog is large (the kernel caps it at
 * net.core.somaxconn), and idle keep-alive connections are kept however many there are.
 */
public final class LongCallProvider {
    static final AtomicInteger ACTIVE = new AtomicInteger();
    static final AtomicInteger PEAK = new AtomicInteger();

    public static void main(String[] args) throws IOException {
        int streamPort = Integer.parseInt(args[0]);
        int jsonPort = Integer.parseInt(args[1]);
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long interval = args.length > 3 ? Long.parseLong(args[3]) : 500;
        long delay = args.length > 4 ? Long.parseLong(args[4]) : 5000;
        int backlog = 16384;
        // The JDK server closes keep-alive connections beyond 200 idle ones (its default), which a gateway's
        // pool then finds closed when it reuses them; keep every one a caller leaves open, for up to 5 minutes.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "1000000");
        System.setProperty("sun.net.httpserver.idleInterval", "300");

        HttpServer streams = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), streamPort), backlog);
        streams.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        streams.createContext("/", exchange -> call(exchange, () -> stream(exchange, events, interval)));
        HttpServer json = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), jsonPort), backlog);
        json.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        json.createContext("/", exchange -> call(exchange, () -> slowJson(exchange, delay)));
        streams.start();
        json.start();
        // Peak in-flight calls, so a run can show the fake saw every call at once (read from the log).
        Thread.ofPlatform().daemon().start(() -> {
            int last = -1;
            while (true) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                int p = PEAK.getAndSet(ACTIVE.get());
                if (p != last && p > 0 || (p == 0 && last > 0)) {
                    System.out.println("peak in-flight calls in the last second: " + p);
                    last = p;
                }
            }
        });
        System.out.println("long-call fake provider on 127.0.0.1: streams on " + streamPort + " (" + events + " chunks, "
                + interval + " ms apart), JSON on " + jsonPort + " (after " + delay + " ms)");
    }

    interface Body {
        void run() throws IOException, InterruptedException;
    }

    static void call(HttpExchange exchange, Body body) {
        PEAK.accumulateAndGet(ACTIVE.incrementAndGet(), Math::max);
        try (exchange) {
            drain(exchange.getRequestBody());
            body.run();
        } catch (IOException | InterruptedException e) {
            // the caller went away: nothing to answer
        } finally {
            ACTIVE.decrementAndGet();
        }
    }

    static void stream(HttpExchange exchange, int events, long interval) throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String head = "data: {\"id\":\"chatcmpl-long\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"bench\",\"choices\":[{\"index\":0,";
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            if (i > 0) { // on a fixed schedule from the start, so a slow write does not stretch the stream
                long wait = start / 1_000_000 + i * interval - System.nanoTime() / 1_000_000;
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            }
            String delta = i == 0 ? "{\"role\":\"assistant\",\"content\":\"tok0 \"}" : "{\"content\":\"tok" + i + " \"}";
            write(out, head + "\"delta\":" + delta + ",\"finish_reason\":null}]}\n\n");
        }
        long wait = start / 1_000_000 + events * interval - System.nanoTime() / 1_000_000;
        if (wait > 0) {
            Thread.sleep(wait);
        }
        write(out, head + "\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"id\":\"chatcmpl-long\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"bench\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":" + events + ",\"total_tokens\":"
                + (12 + events) + "}}\n\ndata: [DONE]\n\n");
        out.close();
    }

    static void slowJson(HttpExchange exchange, long delay) throws IOException, InterruptedException {
        Thread.sleep(delay);
        byte[] answer = ("{\"id\":\"chatcmpl-long\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"bench\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"A considered answer, after "
                + delay + " ms.\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":8,"
                + "\"total_tokens\":20}}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        while (in.read(buffer) != -1) {
            // chat bodies are small; nothing in them changes the answer
        }
    }
}
