package io.gatehouse.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Talks to the deployed gateway over HTTP on 127.0.0.1, as any client would. */
public final class GatewayClient {
    private final String base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** Payara reports its interface address; tests only ever talk to loopback. */
    public GatewayClient(URL deployed) {
        this.base = "http://127.0.0.1:" + deployed.getPort();
    }

    public String base() {
        return base;
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<InputStream> stream(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    public HttpResponse<String> postJson(String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    /** One server-sent event as the client received it: its {@code event:} name (or null) and data. */
    public record Event(String name, String data) {
    }

    /** Reads whole events ({@code event:} and {@code data:} lines up to a blank line) until the stream ends. */
    public static List<Event> events(InputStream body) throws IOException {
        List<Event> events = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = null;
            StringBuilder data = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isEmpty()) {
                    if (name != null || data != null) {
                        events.add(new Event(name, data == null ? null : data.toString()));
                    }
                    name = null;
                    data = null;
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
                }
            }
            if (name != null || data != null) {
                events.add(new Event(name, data == null ? null : data.toString()));
            }
        }
        return events;
    }

    /** Reads SSE {@code data:} payloads until the stream ends. */
    public static List<String> dataLines(InputStream body) throws IOException {
        List<String> data = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    data.add(line.substring(6));
                }
            }
        }
        return data;
    }

    /** A response read off a raw connection: its status, its header block as sent, and its (de-chunked) body. */
    public record RawResponse(int status, String head, String body) {
    }

    /**
     * Sends a request line exactly as given (a malformed escape such as {@code %zz}, which {@link URI} refuses
     * to build) on a fresh connection, and reads the answer to its end.
     */
    public RawResponse raw(String method, String target, String body, String... headers) throws IOException {
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), URI.create(base).getPort())) {
            s.setSoTimeout(30_000);
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            for (int i = 0; i < headers.length; i += 2) {
                head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(bytes.length).append("\r\n");
            }
            s.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int split = all.indexOf("\r\n\r\n");
            String responseHead = all.substring(0, split);
            String rest = all.substring(split + 4);
            if (responseHead.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                StringBuilder unchunked = new StringBuilder();
                int at = 0;
                while (true) {
                    int eol = rest.indexOf("\r\n", at);
                    int size = Integer.parseInt(rest.substring(at, eol).split(";")[0].strip(), 16);
                    if (size == 0) {
                        break;
                    }
                    unchunked.append(rest, eol + 2, eol + 2 + size);
                    at = eol + 2 + size + 2;
                }
                rest = unchunked.toString();
            }
            int status = Integer.parseInt(responseHead.split(" ")[1]);
            return new RawResponse(status, responseHead, new String(rest.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
    }
}
