package io.gatehouse.pipeline;

import com.sun.net.httpserver.HttpServer;
import io.gatehouse.access.GatewayKeys;
import io.gatehouse.config.ConfigEnvironment;
import io.gatehouse.config.ConfigParser;
import io.gatehouse.config.MemoryLimits;
import io.gatehouse.config.RetryTuning;
import io.gatehouse.config.SavedConfigs;
import io.gatehouse.context.RequestContextParser;
import io.gatehouse.egress.HostPolicy;
import io.gatehouse.http.GatewayHeaders;
import io.gatehouse.http.RequestHeaders;
import io.gatehouse.limits.Admission;
import io.gatehouse.provider.Capability;
import io.gatehouse.provider.ProviderRegistry;
import io.gatehouse.routing.ResolveProvider;
import io.gatehouse.routing.Router;
import io.gatehouse.upstream.FakeResponses;
import io.gatehouse.upstream.HeapBudget;
import io.gatehouse.upstream.SendUpstream;
import io.gatehouse.usage.Pricing;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a child JVM with a small heap by {@code ManyLargeAnswersTest}: many concurrent multi-MiB answers from a
 * loopback fake Anthropic, translated to OpenAI Chat Completions by the real pipeline, half as JSON answers read
 * whole, half as event streams. Exits 0 when every call got its whole answer (after retrying the 503s the memory
 * budget answers with) or a JSON refusal, and the budget is whole again; the JVM is started with
 * {@code -XX:+ExitOnOutOfMemoryError}, so running out of heap exits with 3.
 *
 * <p>Arguments: calls, MiB of text per answer.
 */
public final class ManyLargeAnswers {
    private static final int DELTA_CHARS = 16 * 1024;

    public static void main(String[] args) throws Exception {
        int calls = Integer.parseInt(args[0]);
        int textBytes = Integer.parseInt(args[1]) << 20;
        String text = "a".repeat(textBytes);
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        fake.createContext("/json", exchange -> answer(exchange, "application/json", out -> {
            out.write(("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[{\"type\":\"text\","
                    + "\"text\":\"").getBytes(StandardCharsets.US_ASCII));
            writeText(out, text, textBytes);
            out.write("\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":3,\"output_tokens\":4}}"
                    .getBytes(StandardCharsets.US_ASCII));
        }));
        fake.createContext("/stream", exchange -> answer(exchange, "text/event-stream", out -> {
            out.write(("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"m\","
                    + "\"usage\":{\"input_tokens\":3,\"output_tokens\":0}}}\n\n"
                    + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                    + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n").getBytes(StandardCharsets.US_ASCII));
            byte[] delta = ("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text.substring(0, DELTA_CHARS) + "\"}}\n\n")
                    .getBytes(StandardCharsets.US_ASCII);
            for (int sent = 0; sent < textBytes; sent += DELTA_CHARS) {
                out.write(delta);
            }
            out.write(("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                    + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                    + "\"usage\":{\"output_tokens\":4}}\n\n"
                    + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n").getBytes(StandardCharsets.US_ASCII));
        }));
        ExecutorService serving = Executors.newFixedThreadPool(calls);
        fake.setExecutor(serving);
        fake.start();
        String base = "http://127.0.0.1:" + fake.getAddress().getPort();
        RequestPipeline json = pipeline(base + "/json");
        RequestPipeline stream = pipeline(base + "/stream");

        AtomicInteger busyRetries = new AtomicInteger();
        List<Future<String>> outcomes = new ArrayList<>();
        long started = System.nanoTime();
        ExecutorService clients = Executors.newFixedThreadPool(calls);
        for (int i = 0; i < calls; i++) {
            boolean streamed = i % 2 == 1;
            outcomes.add(clients.submit(() -> call(streamed ? stream : json, streamed, textBytes, busyRetries)));
        }
        clients.shutdown();
        clients.awaitTermination(50, TimeUnit.SECONDS);
        fake.stop(0);
        serving.shutdownNow();
        int failures = 0;
        for (Future<String> outcome : outcomes) {
            String result = outcome.get(1, TimeUnit.SECONDS);
            if (!result.equals("ok")) {
                failures++;
                System.out.println(result);
            }
        }
        long free = HeapBudget.ANSWERS.free();
        System.out.printf("calls=%d text=%dMiB maxHeap=%dMiB failures=%d retriesOn503=%d seconds=%.1f budgetFree=%d/%d%n", calls,
                textBytes >> 20, Runtime.getRuntime().maxMemory() >> 20, failures, busyRetries.get(),
                (System.nanoTime() - started) / 1e9, free, MemoryLimits.OF_THIS_HEAP.allAnswersBytes());
        System.exit(failures > 0 ? 1 : free != MemoryLimits.OF_THIS_HEAP.allAnswersBytes() ? 2 : 0);
    }

    /** One client call, retried while the gateway answers 503 (its memory busy); "ok" when the whole answer came. */
    private static String call(RequestPipeline pipeline, boolean streamed, int textBytes, AtomicInteger busyRetries)
            throws IOException, InterruptedException {
        String body = "{\"model\":\"m\",\"stream\":" + streamed + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        RequestHeaders headers = RequestHeaders.of(Map.of(GatewayHeaders.CONFIG,
                List.of("{\"provider\":\"anthropic\",\"api_key\":\"sk-test\"}")));
        for (int attempt = 0; attempt < 200; attempt++) {
            GatewayResponse response = pipeline.handle(Capability.CHAT_COMPLETIONS, "/v1/chat/completions", headers,
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            CountingOutput out = new CountingOutput();
            response.body().writeTo(out);
            if (response.status() == 503) {
                busyRetries.incrementAndGet();
                Thread.sleep(20 + attempt * 5L);
                continue;
            }
            if (response.status() != 200 || out.letters < textBytes || streamed && !out.tail().contains("[DONE]")) {
                return "status " + response.status() + ", " + out.letters + " of " + textBytes + " letters";
            }
            return "ok";
        }
        return "still refused after 200 attempts";
    }

    private static RequestPipeline pipeline(String upstreamUrl) {
        ResolveProvider providers = new ResolveProvider(ProviderRegistry.defaults());
        ConfigParser parser = new ConfigParser(
                new ConfigEnvironment(HostPolicy.selfHostedDefault(), providers::isKnown, providers.validNames()));
        Router router = Router.create(parser, SavedConfigs.none(), providers, HostPolicy.selfHostedDefault(),
                RetryTuning.DEFAULTS, Admission.UNLIMITED);
        SendUpstream loopback = request -> {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(upstreamUrl).toURL().openConnection();
                return FakeResponses.of(connection.getResponseCode(), Map.of("Content-Type", connection.getContentType()),
                        connection.getInputStream()).response();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return new RequestPipeline(new RequestContextParser(() -> GatewayKeys.OPEN), router, Admission.UNLIMITED, loopback,
                1 << 20, new RecordUsage(() -> Pricing.NONE, Admission.UNLIMITED),
                new ObserveRequest(io.gatehouse.telemetry.Telemetry.start(io.gatehouse.config.TelemetrySettings.DEFAULTS)));
    }

    @FunctionalInterface
    private interface BodyWriter {
        void write(OutputStream out) throws IOException;
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, String type, BodyWriter body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            body.write(out);
        } catch (IOException dropped) {
            // the gateway refused the answer and dropped the connection
        }
    }

    private static void writeText(OutputStream out, String text, int bytes) throws IOException {
        byte[] chunk = text.substring(0, 64 * 1024).getBytes(StandardCharsets.US_ASCII);
        for (int sent = 0; sent < bytes; sent += chunk.length) {
            out.write(chunk);
        }
    }

    /** Discards what the client receives, counting the answer's letters ('a') and keeping its last bytes. */
    private static final class CountingOutput extends OutputStream {
        private final byte[] last = new byte[64];
        private int kept;
        long letters;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                letters += b[i] == 'a' ? 1 : 0;
                last[kept++ % last.length] = b[i];
            }
        }

        String tail() {
            StringBuilder s = new StringBuilder();
            for (int i = Math.max(0, kept - last.length); i < kept; i++) {
                s.append((char) last[i % last.length]);
            }
            return s.toString();
        }
    }
}
