package io.gatehouse.limits;

import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.Header;
import java.time.Duration;
import java.util.List;

/**
 * A request over a gateway key's or catalog entry's limit: 429, with {@code retry-after} (whole seconds)
 * and, for rate limits, OpenAI's {@code x-ratelimit-*} headers so clients back off as they do with OpenAI.
 */
public final class LimitExceeded extends GatewayException {
    private static final long serialVersionUID = 1L;

    private final transient List<Header> headers;

    LimitExceeded(ErrorType type, String code, String message, List<Header> headers) {
        super(type, 429, code, message, null);
        this.headers = List.copyOf(headers);
    }

    @Override
    public List<Header> responseHeaders() {
        return headers;
    }

    /** Seconds to wait, rounded up, at least 1. */
    static String retryAfter(Duration wait) {
        long millis = wait.toMillis();
        return Long.toString(Math.max(1, (millis + 999) / 1000));
    }

    /** OpenAI's reset format: {@code 1s}, {@code 6m0s}, {@code 1h0m0s} (rounded up to the second). */
    static String resetIn(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (h > 0) {
            return h + "h" + m + "m" + s + "s";
        }
        return m > 0 ? m + "m" + s + "s" : s + "s";
    }
}
