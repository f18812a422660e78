package io.gatehouse.provider;

import io.gatehouse.http.Header;
import java.net.URI;
import java.util.List;

/**
 * Where a unified call goes upstream.
 *
 * @param uri     the absolute URL
 * @param headers the provider's own headers: credentials, API version
 */
public record Endpoint(URI uri, List<Header> headers) {
    public Endpoint {
        headers = List.copyOf(headers);
    }
}
