package io.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many long calls at once, the load an AI gateway really carries: more calls in flight than the container
 * has request threads (64 in server-config/payara/pre-boot-commands.txt; 256 when each call held one). The
 * fake provider holds every answer until all of them have arrived, so a gateway that parks a thread per call
 * never gets them all there. Deployed with its own configuration: a bound on calls in flight above those.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConcurrentCallsIT {
    /** Well above the container's request threads. */
    private static final int CALLS = 400;
    /** This deployment's bound on calls in flight ({@code calls.max-in-flight}), above {@link #CALLS}. */
    private static final int MAX_IN_FLIGHT = 450;
    static final ServerConfigDir CONFIG = new ServerConfigDir("it-concurrent-config");
    static FakeUpstream provider;

    @ArquillianResource
    URL deployed;

    GatewayClient gateway;

    @Deployment(testable = false)
    static WebArchive war() {
        CONFIG.write("gatehouse.properties", "calls.max-in-flight=" + MAX_IN_FLIGHT + "\n");
        return CONFIG.deployment();
    }

    @BeforeAll
    static void startProvider() throws IOException {
        provider = FakeUpstream.start();
    }

    @AfterAll
    static void stopProvider() throws IOException {
        provider.close();
    }

    @BeforeEach
    void connect() {
        // Also the hook arquillian-junit5 needs to inject @ArquillianResource fields.
        gateway = new GatewayClient(deployed);
        provider.reset();
    }
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final String STREAM = "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @Test
    void moreSlowJsonCallsThanContainerThreadsAreAllInFlightAtOnce() throws Exception {
        CountDownLatch allArrived = new CountDownLatch(CALLS);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        provider.on("POST", "/v1/chat/completions", (req, ex) -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            allArrived.countDown();
            allArrived.await(30, TimeUnit.SECONDS);
            inFlight.decrementAndGet();
            NativeAnswers.openAiChat().respond(req, ex);
        });

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(client.sendAsync(chat("/v1/chat/completions", CHAT), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> res = call.get(90, TimeUnit.SECONDS);
            assertEquals(200, res.statusCode(), res.body());
            assertTrue(res.body().contains("\"chat.completion\""), res.body());
        }
        assertEquals(CALLS, mostInFlight.get(), "every call reached the provider before any was answered");
    }

    @Test
    void moreStreamsThanContainerThreadsAreAllInFlightAtOnceThroughTheProxy() throws Exception {
        CountDownLatch allArrived = new CountDownLatch(CALLS);
        provider.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.beginEvents();
            ex.event("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}");
            allArrived.countDown();
            allArrived.await(30, TimeUnit.SECONDS);
            ex.event("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"all " + allArrived.getCount() + " waiting\"}}]}");
            ex.event("[DONE]");
            ex.end();
        });

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(client.sendAsync(chat("/v1/proxy/chat/completions", STREAM), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> res = call.get(90, TimeUnit.SECONDS);
            assertEquals(200, res.statusCode(), res.body());
            assertTrue(res.body().contains("all 0 waiting"), "the stream went on only once every call had arrived: " + res.body());
            assertTrue(res.body().endsWith("data: [DONE]\n\n"), res.body());
        }
    }

    @Test
    void clientsThatLeaveFreeTheirUpstreamCallsAtOnceHoweverManyAreOpen() throws Exception {
        int streams = 100;
        CountDownLatch started = new CountDownLatch(streams);
        provider.on("POST", "/v1/chat/completions", (req, ex) -> {
            ex.beginEvents();
            started.countDown();
            for (int i = 0; i < 600; i++) {
                ex.event("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tick " + i + "\"}}]}");
                Thread.sleep(50);
            }
            ex.end();
        });
        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < streams; i++) {
                clients.add(openStream());
            }
            assertTrue(started.await(30, TimeUnit.SECONDS), "every stream reached the provider");
            for (Socket s : clients) {
                byte[] first = s.getInputStream().readNBytes(12);
                assertEquals("HTTP/1.1 200", new String(first, StandardCharsets.US_ASCII));
            }
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
        for (int i = 0; i < streams; i++) {
            assertNotNull(provider.awaitHangUp(10_000), "upstream call " + i + " of " + streams + " aborted after its client left");
        }
        provider.on("POST", "/v1/chat/completions", NativeAnswers.openAiChat());
        assertEquals(200, gateway.postJson("/v1/chat/completions", CHAT, openAi()).statusCode(), "the gateway keeps serving");
    }

    @Test
    void aCallBeyondTheBoundOnCallsInFlightIsRefusedAtOnceWith503AndRetryAfter() throws Exception {
        CountDownLatch allArrived = new CountDownLatch(MAX_IN_FLIGHT);
        CountDownLatch release = new CountDownLatch(1);
        provider.on("POST", "/v1/chat/completions", (req, ex) -> {
            allArrived.countDown();
            release.await(60, TimeUnit.SECONDS);
            NativeAnswers.openAiChat().respond(req, ex);
        });
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < MAX_IN_FLIGHT; i++) {
            held.add(client.sendAsync(chat("/v1/chat/completions", CHAT), HttpResponse.BodyHandlers.ofString()));
        }
        try {
            assertTrue(allArrived.await(60, TimeUnit.SECONDS), "the bound's worth of calls reached the provider");
            for (String path : List.of("/v1/chat/completions", "/v1/proxy/chat/completions")) {
                HttpResponse<String> refused = client.send(chat(path, CHAT), HttpResponse.BodyHandlers.ofString());
                assertEquals(503, refused.statusCode(), path + ": " + refused.body());
                assertEquals("1", refused.headers().firstValue("retry-after").orElse(null), path);
                assertTrue(refused.body().contains("\"code\":\"too_many_calls_in_flight\""), refused.body());
            }
            assertEquals(MAX_IN_FLIGHT, provider.requests().size(), "the refused calls never reached the provider");
        } finally {
            release.countDown();
        }
        for (CompletableFuture<HttpResponse<String>> call : held) {
            assertEquals(200, call.get(60, TimeUnit.SECONDS).statusCode());
        }
        provider.on("POST", "/v1/chat/completions", NativeAnswers.openAiChat());
        assertEquals(200, gateway.postJson("/v1/chat/completions", CHAT, openAi()).statusCode(),
                "calls are taken again once the held ones ended");
    }

    private Socket openStream() throws IOException {
        return openCall(STREAM);
    }

    private Socket openCall(String json) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), java.net.URI.create(gateway.base()).getPort());
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "x-portkey-provider: openai\r\nx-portkey-custom-host: " + provider.baseUrl() + "/v1\r\n"
                + "Authorization: Bearer sk-test-123\r\nContent-Length: " + body.length + "\r\n\r\n";
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return s;
    }

    private HttpRequest chat(String path, String body) {
        return gateway.request(path).timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .headers(openAi())
                .build();
    }

    private String[] openAi() {
        return new String[] {"x-portkey-provider", "openai", "x-portkey-custom-host", provider.baseUrl() + "/v1",
            "Authorization", "Bearer sk-test-123"};
    }
}
