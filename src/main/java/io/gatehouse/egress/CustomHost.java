package io.gatehouse.egress;

import io.gatehouse.error.GatewayException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Syntax of a custom host: an absolute http(s) URL with a host, no credentials, query or fragment. */
public final class CustomHost {
    private CustomHost() {
    }

    /** Parses {@code value}; {@code source} names the header or config field for the error message. */
    public static URI parse(String value, String source) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw invalid(source, "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalid(source, "must be an http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid(source, "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw invalid(source, "must not carry credentials");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(source, "must not have a query or fragment");
        }
        return uri;
    }

    private static GatewayException invalid(String source, String why) {
        return GatewayException.badRequest("invalid_custom_host", source + " " + why);
    }
}
