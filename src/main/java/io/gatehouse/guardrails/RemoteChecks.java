package io.gatehouse.guardrails;

import io.gatehouse.model.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Portkey's checks that call out: {@code webhook}, {@code log} and {@code validUrls}, all through
 * {@link Egress} (the host policy applies, with a timeout).
 */
final class RemoteChecks {
    /** Check ids that wait on the network: a hook with one runs its checks in parallel. */
    static final Set<String> IDS = Set.of("default.webhook", "default.log", "default.validUrls", "default.jwt");
    private static final Pattern URL = Pattern.compile("https?://[^\\s,\"'{}\\[\\]]+");
    private static final long DEFAULT_TIMEOUT_MS = 3000;

    private final Egress egress;

    RemoteChecks(Egress egress) {
        this.egress = egress;
    }

    void register(Map<String, Check> checks) {
        checks.put("default.webhook", this::webhook);
        checks.put("default.log", this::log);
        checks.put("default.validUrls", this::validUrls);
    }

    /**
     * POSTs the hook's view of the call to {@code webhookURL} (with {@code headers}, within {@code timeout} ms,
     * default 3000) and takes its {@code verdict}; a {@code transformedData.request.json} (before the request)
     * or {@code transformedData.response.json} (after) replaces that side. The client's headers are not sent.
     */
    CheckResult webhook(CheckInput in, Parameters p) throws IOException, InterruptedException {
        String url = p.required("webhookURL");
        Egress.Answer answer = postContext(in, p, "webhookURL");
        JsonObject body = Json.parseObjectOrNull(answer.body());
        if (body == null || !(body.get("verdict") == JsonValue.TRUE || body.get("verdict") == JsonValue.FALSE)) {
            throw new IOException("the webhook's answer has no boolean verdict");
        }
        boolean verdict = body.get("verdict") == JsonValue.TRUE;
        String side = in.event() == Event.BEFORE_REQUEST ? "request" : "response";
        JsonObject transformed = Json.object(Json.object(Json.object(body, "transformedData"), side), "json");
        JsonObject data = Json.object().add("webhookHost", URI.create(url).getHost()).add("transformed", transformed != null)
                .add("explanation", "The webhook returned verdict " + verdict + ".").build();
        return new CheckResult(verdict, data, null, transformed == null ? null : json -> transformed);
    }

    /** POSTs the hook's view of the call to {@code logURL}; passes whenever the log took it. */
    CheckResult log(CheckInput in, Parameters p) throws IOException, InterruptedException {
        postContext(in, p, "logURL");
        return CheckResult.of(true, Json.object().add("explanation", "Logged.").build());
    }

    /**
     * Every http(s) URL in the text resolves ({@code onlyDNS}) or answers below 400 (a GET, within 3 s); a URL
     * the host policy refuses counts as invalid and is never fetched. {@code not} inverts; no URL fails.
     */
    CheckResult validUrls(CheckInput in, Parameters p) throws InterruptedException {
        boolean onlyDns = p.bool("onlyDNS", false);
        boolean not = p.bool("not", false);
        Set<String> urls = new LinkedHashSet<>();
        Matcher m = URL.matcher(TextChecks.text(in));
        while (m.find()) {
            urls.add(m.group());
        }
        List<String> valid = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (String url : urls) {
            boolean ok = onlyDns ? resolves(url) : answers(url);
            (ok ? valid : invalid).add(url);
        }
        boolean allValid = !urls.isEmpty() && invalid.isEmpty();
        boolean verdict = !urls.isEmpty() && not != allValid;
        JsonObjectBuilder data = Json.object().add("not", not)
                .add("validationMethod", onlyDns ? "DNS lookup" : "HTTP request")
                .add("explanation", urls.isEmpty() ? "No URLs found in the text."
                        : allValid ? "All URLs are valid." : "Some URLs are invalid.");
        Json.put(data, "validUrls", valid);
        Json.put(data, "invalidUrls", invalid);
        return CheckResult.of(verdict, data.build());
    }

    private boolean resolves(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null && InetAddress.getAllByName(host).length > 0;
        } catch (IllegalArgumentException | UnknownHostException e) {
            return false;
        }
    }

    private boolean answers(String url) throws InterruptedException {
        try {
            return egress.get(url, "a URL in the text", Duration.ofMillis(DEFAULT_TIMEOUT_MS)).status() < 400;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** POSTs the call's context to the URL in parameter {@code urlParameter}; an answer other than 2xx is an error. */
    private Egress.Answer postContext(CheckInput in, Parameters p, String urlParameter) throws IOException, InterruptedException {
        Duration timeout = Duration.ofMillis(p.integer("timeout", DEFAULT_TIMEOUT_MS));
        Egress.Answer answer = egress.postJson(p.required(urlParameter), urlParameter, context(in).toString(), headers(p), timeout);
        if (answer.status() / 100 != 2) {
            throw new IOException(urlParameter + " answered HTTP " + answer.status());
        }
        return answer;
    }

    /** What a webhook or log is sent: Portkey's hook context, without the client's headers. */
    static JsonObject context(CheckInput in) {
        boolean before = in.event() == Event.BEFORE_REQUEST;
        JsonObjectBuilder request = Json.object().add("json", in.request())
                .add("text", before ? in.text() : TextSlots.requestText(in.request()));
        JsonObjectBuilder response = Json.object();
        if (before) {
            response.addNull("json").addNull("text");
        } else {
            response.add("json", in.json()).add("text", in.text());
        }
        JsonObjectBuilder metadata = Json.object();
        in.metadata().forEach(metadata::add);
        return Json.object().add("request", request).add("response", response).add("requestType", in.requestType())
                .add("metadata", metadata).add("eventType", in.event().wireName()).build();
    }

    /** {@code headers}: an object of strings, or that object as a JSON string (Portkey accepts both). */
    private static Map<String, String> headers(Parameters p) {
        JsonValue raw = p.raw("headers");
        if (raw == null || raw.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        JsonObject object = raw instanceof JsonString s ? Json.parseObjectOrNull(s.getString())
                : raw.getValueType() == JsonValue.ValueType.OBJECT ? raw.asJsonObject() : null;
        if (object == null) {
            throw new Parameters.InvalidParameterException("headers must be an object of strings");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        object.forEach((name, value) -> {
            if (!(value instanceof JsonString s)) {
                throw new Parameters.InvalidParameterException("headers must be an object of strings");
            }
            headers.put(name, s.getString());
        });
        return headers;
    }
}
