package io.gatehouse.context;

import io.gatehouse.access.Caller;
import io.gatehouse.access.GatewayKeys;
import io.gatehouse.config.TargetConfig;
import io.gatehouse.egress.CustomHost;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.GatewayHeaders;
import io.gatehouse.http.HeaderPolicy;
import io.gatehouse.http.Ids;
import io.gatehouse.http.RequestHeaders;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Stage 1 of the request path, shared by every route: authenticates the caller (401 when a gateway key is
 * required and missing or unknown) and reads the gateway headers into a {@link RequestContext}, or answers 400.
 */
public final class RequestContextParser {
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final int MAX_TRACE_ID_LENGTH = 256;

    private final Authenticate authenticate;

    /** A parser for an open gateway (no gateway keys). */
    public RequestContextParser() {
        this(() -> GatewayKeys.OPEN);
    }

    /** @param keys the gateway keys in force (they may be reloaded between requests) */
    public RequestContextParser(Supplier<GatewayKeys> keys) {
        this.authenticate = new Authenticate(keys);
    }

    /**
     * Who is calling, from the gateway key the headers present ({@link io.gatehouse.access.Caller#OPEN} on an open
     * gateway); a missing or unknown key is a 401 {@code GatewayException}.
     */
    public io.gatehouse.access.Caller authenticate(RequestHeaders headers) {
        return authenticate.authenticate(headers).caller();
    }

    /** Parses every gateway header; {@code traceId} comes from {@link #traceId} so errors can echo it. */
    public RequestContext parse(RequestHeaders headers, String traceId) {
        Authenticate.Result auth = authenticate.authenticate(headers);
        // A gateway key that came in Authorization or x-api-key is no provider key: dropped before anything can forward it.
        RequestHeaders forwardable = auth.consumedHeader() != null ? headers.without(auth.consumedHeader()) : headers;
        return new RequestContext(
                traceId,
                provider(headers),
                providerKey(forwardable, auth.caller()),
                customHost(headers.first(GatewayHeaders.CUSTOM_HOST)),
                config(headers.first(GatewayHeaders.CONFIG)),
                withDefaults(metadata(headers.first(GatewayHeaders.METADATA)), auth.caller()),
                forwardHeaders(headers.first(GatewayHeaders.FORWARD_HEADERS)),
                requestTimeout(headers.first(GatewayHeaders.REQUEST_TIMEOUT)),
                forwardable,
                auth.caller());
    }

    /**
     * The provider key the client sent: {@code Authorization: Bearer}. On an open gateway (no gateway keys
     * configured) {@code x-portkey-api-key} serves when there is no {@code Authorization}, as the seeds' API
     * introduction sends the provider key there; with gateway keys it is only ever the gateway key.
     */
    static String providerKey(RequestHeaders headers, io.gatehouse.access.Caller caller) {
        String bearer = bearerToken(headers.first("authorization"));
        if (bearer == null && caller == io.gatehouse.access.Caller.OPEN) {
            return blankToNull(headers.first(GatewayHeaders.API_KEY));
        }
        return bearer;
    }

    /** {@code x-portkey-virtual-key} names a catalog entry ({@code @name}) and wins over {@code x-portkey-provider}. */
    static String provider(RequestHeaders headers) {
        String virtualKey = blankToNull(headers.first(GatewayHeaders.VIRTUAL_KEY));
        if (virtualKey != null) {
            return virtualKey.startsWith("@") ? virtualKey : "@" + virtualKey;
        }
        return blankToNull(headers.first(GatewayHeaders.PROVIDER));
    }

    /** The gateway key's metadata defaults under the request's own values. */
    private static Map<String, String> withDefaults(Map<String, String> sent, Caller caller) {
        if (caller.key() == null || caller.key().metadata().isEmpty()) {
            return sent;
        }
        Map<String, String> merged = new LinkedHashMap<>(caller.key().metadata());
        merged.putAll(sent);
        return Collections.unmodifiableMap(merged);
    }

    /** The trace id alone, for answering errors found before the rest of the context could be parsed. */
    public static String traceId(RequestHeaders headers) {
        String sent = headers.first(GatewayHeaders.TRACE_ID);
        if (sent == null || sent.isBlank()) {
            return Ids.uuid();
        }
        String trimmed = sent.strip();
        return trimmed.length() > MAX_TRACE_ID_LENGTH ? trimmed.substring(0, MAX_TRACE_ID_LENGTH) : trimmed;
    }

    static String bearerToken(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String value = authorization.strip();
        // The scheme is "Bearer" followed by whitespace or nothing; "BearerXYZ" is a bare key.
        if (value.regionMatches(true, 0, "Bearer", 0, 6)
                && (value.length() == 6 || Character.isWhitespace(value.charAt(6)))) {
            value = value.substring(6).strip();
        }
        return value.isEmpty() ? null : value;
    }

    static String customHost(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        CustomHost.parse(value.strip(), GatewayHeaders.CUSTOM_HOST);
        return value.strip();
    }

    /** Kept as text: inline JSON and saved ids are told apart, parsed and cached by the routing layer. */
    static String config(String value) {
        return blankToNull(value);
    }

    static Map<String, String> metadata(String value) {
        if (value == null || value.isBlank()) {
            return Map.of();
        }
        JsonObject object = jsonObject(value, GatewayHeaders.METADATA, "invalid_metadata");
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> entry : object.entrySet()) {
            JsonValue v = entry.getValue();
            switch (v.getValueType()) {
                case STRING -> metadata.put(entry.getKey(), ((JsonString) v).getString());
                case NUMBER, TRUE, FALSE -> metadata.put(entry.getKey(), v.toString());
                case NULL -> { }
                default -> throw GatewayException.badRequest("invalid_metadata", GatewayHeaders.METADATA
                        + " values must be strings; '" + entry.getKey() + "' is " + v.getValueType().name().toLowerCase(Locale.ROOT));
            }
        }
        return Collections.unmodifiableMap(metadata);
    }

    static List<String> forwardHeaders(String value) {
        if (value == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String part : value.split(",")) {
            String name = part.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (GatewayHeaders.isGatewayHeader(name) || HeaderPolicy.isHopByHop(name)) {
                throw GatewayException.badRequest("invalid_forward_headers", GatewayHeaders.FORWARD_HEADERS
                        + " cannot forward '" + name + "': gateway and hop-by-hop headers are never sent upstream");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    static Duration requestTimeout(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long millis = Long.parseLong(value.strip());
            if (millis > 0 && millis <= TargetConfig.MAX_REQUEST_TIMEOUT_MS) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw GatewayException.badRequest("invalid_request_timeout",
                GatewayHeaders.REQUEST_TIMEOUT + " must be a positive whole number of milliseconds, at most "
                        + TargetConfig.MAX_REQUEST_TIMEOUT_MS + " (a day)");
    }

    private static JsonObject jsonObject(String value, String header, String code) {
        JsonValue parsed;
        // A parser rather than a reader: the reader ignores anything after the first value.
        try (JsonParser parser = JSON.createParser(new StringReader(value))) {
            parser.next();
            parsed = parser.getValue();
            if (parser.hasNext()) {
                throw GatewayException.badRequest(code, header + " is not valid JSON: unexpected content after the value");
            }
        } catch (JsonParsingException e) {
            throw GatewayException.badRequest(code, header + " is not valid JSON: " + e.getMessage());
        } catch (JsonException | java.util.NoSuchElementException e) {
            throw GatewayException.badRequest(code, header + " is not valid JSON");
        }
        if (parsed.getValueType() != JsonValue.ValueType.OBJECT) {
            throw GatewayException.badRequest(code, header + " must be a JSON object");
        }
        return parsed.asJsonObject();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
