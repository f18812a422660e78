package io.gatehouse.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatehouse.config.GatewaySettings;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.Header;
import io.gatehouse.it.FakeUpstream;
import io.gatehouse.it.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A retry through the real upstream client: the first provider breaks the connection while the body is
 * being uploaded, the second receives the whole body, identical, from the replay copy plus the rest of
 * the client's stream.
 */
class ResendThroughUpstreamClientTest {
    @TempDir
    Path spoolDir;

    @Test
    void bodyCutOffByOneUpstreamArrivesWholeAtTheNext() throws Exception {
        byte[] bytes = new byte[8 << 20];
        new Random(3).nextBytes(bytes);
        try (UpstreamClient client = new UpstreamClient(GatewaySettings.load(spoolDir));
             ServerSocket breaking = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             FakeUpstream whole = FakeUpstream.start();
             ReplayableBody body = new ReplayableBody(new ByteArrayInputStream(bytes), bytes.length, 64 * 1024, spoolDir)) {
            CompletableFuture.runAsync(() -> readALittleThenReset(breaking));
            URI first = URI.create("http://127.0.0.1:" + breaking.getLocalPort() + "/v1/files");
            GatewayException failed = assertThrows(GatewayException.class, () -> client.send(upload(first, body)));
            assertEquals(502, failed.status());
            assertFalse(body.clientFailed(), "the upstream failed, not the client");

            whole.otherwise((req, ex) -> ex.json(200, "{}"));
            try (UpstreamResponse answer = client.send(upload(URI.create(whole.baseUrl() + "/v1/files"), body))) {
                assertEquals(200, answer.status());
                answer.body().readAllBytes();
            }
            RecordedRequest got = whole.takeRequest(1000);
            assertEquals(bytes.length, got.bodySize());
            assertEquals(sha256(bytes), got.bodySha256());
            assertEquals(String.valueOf(bytes.length), got.header("content-length"));
        }
    }

    private static UpstreamRequest upload(URI uri, RequestBody body) {
        return new UpstreamRequest("POST", uri, List.of(new Header("Content-Type", "application/octet-stream")), body, null);
    }

    private static void readALittleThenReset(ServerSocket server) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            in.readNBytes(256 * 1024);
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // the test sees the outcome on the client side
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
