package io.gatehouse.config;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

/**
 * A parsed config written back as canonical snake_case JSON (absent fields omitted), so fixture tests
 * can say what a config means with one JSON value, and a camelCase config can be checked to mean
 * exactly what its snake_case twin means.
 */
final class ConfigDescription {
    private ConfigDescription() {
    }

    static JsonObject of(TargetConfig c) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        if (c.strategy() != null) {
            b.add("strategy", strategy(c.strategy()));
        }
        if (!c.targets().isEmpty()) {
            JsonArrayBuilder targets = Json.createArrayBuilder();
            c.targets().forEach(t -> targets.add(of(t)));
            b.add("targets", targets);
        }
        addString(b, "provider", c.provider());
        addString(b, "api_key", c.apiKey());
        addString(b, "custom_host", c.customHost());
        if (c.forwardHeaders() != null) {
            b.add("forward_headers", Json.createArrayBuilder(c.forwardHeaders()));
        }
        if (c.overrideParams() != null) {
            b.add("override_params", c.overrideParams());
        }
        if (c.requestTimeout() != null) {
            b.add("request_timeout", c.requestTimeout());
        }
        if (c.retry() != null) {
            JsonObjectBuilder r = Json.createObjectBuilder().add("attempts", c.retry().attempts());
            if (c.retry().onStatusCodes() != null) {
                r.add("on_status_codes", Json.createArrayBuilder(c.retry().onStatusCodes()));
            }
            if (c.retry().useRetryAfterHeader() != null) {
                r.add("use_retry_after_header", c.retry().useRetryAfterHeader());
            }
            b.add("retry", r);
        }
        if (c.cache() != null) {
            JsonObjectBuilder cache = Json.createObjectBuilder().add("mode", c.cache().mode());
            if (c.cache().maxAge() != null) {
                cache.add("max_age", c.cache().maxAge());
            }
            if (c.cache().similarity() != null) {
                cache.add("similarity", c.cache().similarity());
            }
            b.add("cache", cache);
        }
        if (c.weight() != null) {
            b.add("weight", c.weight());
        }
        addString(b, "name", c.name());
        if (c.strictOpenAiCompliance() != null) {
            b.add("strict_open_ai_compliance", c.strictOpenAiCompliance());
        }
        if (!c.providerOptions().isEmpty()) {
            b.add("provider_options", Json.createObjectBuilder(c.providerOptions().values()));
        }
        return b.build();
    }

    private static JsonObject strategy(Strategy s) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("mode", s.mode());
        if (s instanceof Strategy.Fallback f && !f.onStatusCodes().isEmpty()) {
            b.add("on_status_codes", Json.createArrayBuilder(f.onStatusCodes()));
        }
        if (s instanceof Strategy.Conditional c) {
            JsonArrayBuilder rules = Json.createArrayBuilder();
            c.conditions().forEach(r -> rules.add(Json.createObjectBuilder()
                    .add("query", query(r.query())).add("then", r.then())));
            b.add("conditions", rules);
            addString(b, "default", c.defaultTarget());
        }
        return b.build();
    }

    /** {@code {"all":[…]}}, {@code {"any":[…]}}, {@code {"field","op","operand"}}. */
    static JsonValue query(Query q) {
        if (q instanceof Query.All all) {
            JsonArrayBuilder parts = Json.createArrayBuilder();
            all.parts().forEach(p -> parts.add(query(p)));
            return Json.createObjectBuilder().add("all", parts).build();
        }
        if (q instanceof Query.Any any) {
            JsonArrayBuilder parts = Json.createArrayBuilder();
            any.parts().forEach(p -> parts.add(query(p)));
            return Json.createObjectBuilder().add("any", parts).build();
        }
        Query.Test t = (Query.Test) q;
        return Json.createObjectBuilder().add("field", t.field()).add("op", t.operator().wireName())
                .add("operand", t.operand()).build();
    }

    private static void addString(JsonObjectBuilder b, String key, String value) {
        if (value != null) {
            b.add(key, value);
        }
    }
}
