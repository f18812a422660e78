package io.gatehouse.http;

import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The client's request headers, immutable, looked up case-insensitively. Names are kept lower-case;
 * values keep their order, so repeated headers are forwarded as they came.
 */
public final class RequestHeaders {
    private final Map<String, List<String>> byLowerName;

    private RequestHeaders(Map<String, List<String>> byLowerName) {
        this.byLowerName = byLowerName;
    }

    public static RequestHeaders of(Map<String, ? extends List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>()).addAll(values);
            }
        });
        copy.replaceAll((k, v) -> List.copyOf(v));
        return new RequestHeaders(Collections.unmodifiableMap(copy));
    }

    /** From a servlet request, whose header API is enumeration-based. */
    public static RequestHeaders fromServlet(Enumeration<String> names,
                                             java.util.function.Function<String, Enumeration<String>> values) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>())
                    .addAll(Collections.list(values.apply(name)));
        }
        copy.replaceAll((k, v) -> List.copyOf(v));
        return new RequestHeaders(Collections.unmodifiableMap(copy));
    }

    /** The same headers without {@code name}. */
    public RequestHeaders without(String name) {
        String lowerCaseName = name.toLowerCase(Locale.ROOT);
        if (!byLowerName.containsKey(lowerCaseName)) {
            return this;
        }
        Map<String, List<String>> copy = new LinkedHashMap<>(byLowerName);
        copy.remove(lowerCaseName);
        return new RequestHeaders(Collections.unmodifiableMap(copy));
    }

    /** The same headers without the gateway's own ({@code x-portkey-*}). */
    public RequestHeaders withoutGatewayHeaders() {
        Map<String, List<String>> copy = new LinkedHashMap<>(byLowerName);
        copy.keySet().removeIf(GatewayHeaders::isGatewayHeader);
        return new RequestHeaders(Collections.unmodifiableMap(copy));
    }

    /** The first value of the header, or null. */
    public String first(String name) {
        List<String> values = byLowerName.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The client's declared body length, or -1 (none sent, or not a length). */
    public long contentLength() {
        return Header.contentLength(first("content-length"));
    }

    public List<String> all(String name) {
        return byLowerName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }

    public boolean contains(String name) {
        return byLowerName.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Every header, lower-case name first, one call per value. */
    public void forEach(BiConsumer<String, String> action) {
        byLowerName.forEach((name, values) -> values.forEach(v -> action.accept(name, v)));
    }

    @Override
    public String toString() {
        return "RequestHeaders" + byLowerName.keySet();
    }
}
