package io.gatehouse.it;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What a fake upstream received, as it arrived on the wire.
 *
 * @param method     request method
 * @param path       raw path, without query
 * @param rawQuery   raw query string exactly as sent (null when none)
 * @param headers    header names lower-cased, values in arrival order
 * @param body       the first {@link FakeUpstream#KEPT_BODY_BYTES} bytes of the body
 * @param bodySize   the full body size
 * @param bodySha256 hex SHA-256 of the full body
 * @param chunked    whether the body came with chunked transfer encoding
 */
public record RecordedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                              byte[] body, long bodySize, String bodySha256, boolean chunked) {

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
