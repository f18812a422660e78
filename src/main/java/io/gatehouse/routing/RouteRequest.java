package io.gatehouse.routing;

import io.gatehouse.provider.Capability;
import jakarta.json.JsonObject;
import java.util.function.Supplier;

/**
 * What the router may look at in a request besides its headers: conditional routing reads
 * {@code params.*} (the JSON body) and {@code url.pathname}; catalog addressing and model grants read the
 * body's {@code model}.
 *
 * @param capability the unified capability asked for, or null for a proxied path (no capability check, and
 *                   no {@code @slug/model} addressing: the proxied body is never rewritten)
 * @param pathname   the request path as the client sent it, e.g. {@code /v1/chat/completions}
 * @param params     the JSON body as an object, parsed only if a condition asks ({@code {}} for non-JSON bodies)
 * @param model      the body's top-level {@code model}, or null; read only when needed
 */
public record RouteRequest(Capability capability, String pathname, Supplier<JsonObject> params, Supplier<String> model) {

    public RouteRequest(Capability capability, String pathname, Supplier<JsonObject> params) {
        this(capability, pathname, params, () -> null);
    }
}
