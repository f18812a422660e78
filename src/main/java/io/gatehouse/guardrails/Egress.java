package io.gatehouse.guardrails;

import io.gatehouse.egress.HostPolicy;
import io.gatehouse.error.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The calls checks make (webhooks, logs, JWKS, URL probes), under the gateway's host policy: the URL is
 * judged, then every address its host resolves to, before anything is sent. Redirects are not followed
 * (they could lead anywhere), and answers are read up to a bound.
 */
final class Egress {
    static final int MAX_ANSWER_BYTES = 1 << 20;

    private final HostPolicy policy;
    private final HttpClient client;

    Egress(HostPolicy policy) {
        this.policy = policy;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** An answer: its status and (bounded) body. */
    record Answer(int status, String body) {
    }

    /** Refuses a URL the host policy forbids, by name and by every address it resolves to. */
    URI allowed(String url, String what) throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException(what + " is not a valid URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IOException(what + " must be an http or https URL");
        }
        try {
            policy.checkUrl(uri, what);
        } catch (GatewayException refused) {
            throw new IOException(refused.getMessage());
        }
        for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
            if (!policy.permits(address)) {
                throw new IOException(what + " resolves to an address this gateway's host policy refuses");
            }
        }
        return uri;
    }

    Answer postJson(String url, String what, String json, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(allowed(url, what)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return send(request.build());
    }

    Answer get(String url, String what, Duration timeout) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(allowed(url, what)).timeout(timeout).GET().build());
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES);
            return new Answer(response.statusCode(), new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
