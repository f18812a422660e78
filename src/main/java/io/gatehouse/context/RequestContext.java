package io.gatehouse.context;

import io.gatehouse.access.Caller;
import io.gatehouse.http.RequestHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the gateway headers say about one request, parsed once and immutable after.
 *
 * @param traceId         the client's {@code x-portkey-trace-id}, or one generated for it; always echoed
 * @param provider        {@code x-portkey-provider} — or {@code @name} for {@code x-portkey-virtual-key} — or null
 * @param bearerToken     the token of {@code Authorization: Bearer …}, or null; the provider key in header mode
 *                        (null when that header carried the gateway key)
 * @param customHost      {@code x-portkey-custom-host}, syntactically checked, or null
 * @param config          {@code x-portkey-config} as sent (inline JSON or a saved config id), stripped, or null;
 *                        parsed and validated by the routing layer, once per distinct value
 * @param metadata        {@code x-portkey-metadata}, string values only, over the gateway key's defaults
 * @param forwardHeaders  lower-case names from {@code x-portkey-forward-headers}, or null when absent
 * @param requestTimeout  {@code x-portkey-request-timeout}, or null
 * @param headers         the client's headers, for the header policy (without {@code Authorization} when it
 *                        carried the gateway key: it never goes upstream)
 * @param caller          who is calling: the gateway key presented, or {@link Caller#OPEN}
 */
public record RequestContext(
        String traceId,
        String provider,
        String bearerToken,
        String customHost,
        String config,
        Map<String, String> metadata,
        List<String> forwardHeaders,
        Duration requestTimeout,
        RequestHeaders headers,
        Caller caller) {

    /** A request on an open gateway. */
    public RequestContext(String traceId, String provider, String bearerToken, String customHost, String config,
                          Map<String, String> metadata, List<String> forwardHeaders, Duration requestTimeout,
                          RequestHeaders headers) {
        this(traceId, provider, bearerToken, customHost, config, metadata, forwardHeaders, requestTimeout, headers, Caller.OPEN);
    }

    /** Whether {@code x-portkey-config} names a config saved on the gateway (its fields are the operator's). */
    public boolean usesSavedConfig() {
        return config != null && !config.startsWith("{");
    }
}
