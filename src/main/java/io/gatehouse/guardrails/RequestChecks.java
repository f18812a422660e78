package io.gatehouse.guardrails;

import io.gatehouse.model.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Portkey's checks on what is asked rather than its text: the model, the metadata, the kind of request. */
final class RequestChecks {
    private RequestChecks() {
    }

    static void register(Map<String, Check> checks) {
        checks.put("default.modelWhitelist", RequestChecks::modelWhitelist);
        checks.put("default.modelRules", RequestChecks::modelRules);
        checks.put("default.requiredMetadataKeys", RequestChecks::requiredMetadataKeys);
        checks.put("default.allowedRequestTypes", RequestChecks::allowedRequestTypes);
    }

    private static String model(CheckInput in) {
        if (in.model() == null || in.model().isEmpty()) {
            throw new Parameters.InvalidParameterException("the request names no model");
        }
        return in.model();
    }

    /** The model asked for is one of {@code models} (or, with {@code not}, none of them). */
    static CheckResult modelWhitelist(CheckInput in, Parameters p) {
        List<String> models = p.strings("models");
        if (models == null) {
            throw new Parameters.InvalidParameterException("models must be an array of model names");
        }
        boolean not = p.bool("not", false);
        String model = model(in);
        boolean inList = models.contains(model);
        boolean verdict = not != inList;
        JsonObjectBuilder data = Json.object().add("requestedModel", model).add("not", not).add("explanation",
                "Model \"" + model + "\" is " + (inList ? "" : "not ") + "in the list.");
        Json.put(data, "allowedModels", models);
        return CheckResult.of(verdict, data.build());
    }

    /**
     * The model is allowed by {@code rules}: {@code {"metadata": {key: {value: [models]}}, "defaults": [models]}} —
     * the models every matching metadata value allows, else the defaults.
     */
    static CheckResult modelRules(CheckInput in, Parameters p) {
        JsonObject rules = p.object("rules");
        if (rules == null) {
            throw new Parameters.InvalidParameterException("rules must be an object");
        }
        boolean not = p.bool("not", false);
        String model = model(in);
        Set<String> allowed = new LinkedHashSet<>();
        List<String> matchedRules = new ArrayList<>();
        if (rules.get("metadata") instanceof JsonObject byKey) {
            for (Map.Entry<String, JsonValue> rule : byKey.entrySet()) {
                String value = in.metadata().get(rule.getKey());
                if (value != null && rule.getValue() instanceof JsonObject byValue
                        && byValue.get(value) instanceof JsonArray models) {
                    matchedRules.add(rule.getKey() + ":" + value);
                    models.forEach(m -> {
                        if (m instanceof JsonString s) {
                            allowed.add(s.getString());
                        }
                    });
                }
            }
        }
        if (allowed.isEmpty() && rules.get("defaults") instanceof JsonArray defaults) {
            defaults.forEach(m -> {
                if (m instanceof JsonString s) {
                    allowed.add(s.getString());
                }
            });
        }
        if (allowed.isEmpty()) {
            throw new Parameters.InvalidParameterException("no rule matched and no defaults are given");
        }
        boolean inList = allowed.contains(model);
        boolean verdict = not != inList;
        JsonObjectBuilder data = Json.object().add("requestedModel", model).add("not", not).add("explanation",
                "Model \"" + model + "\" is " + (inList ? "" : "not ") + "allowed by the rules.");
        Json.put(data, "allowedModels", List.copyOf(allowed));
        Json.put(data, "matchedRules", matchedRules);
        return CheckResult.of(verdict, data.build());
    }

    /** {@code metadataKeys} in the request's metadata: {@code all} (default), {@code any} or {@code none} ({@code operator}). */
    static CheckResult requiredMetadataKeys(CheckInput in, Parameters p) {
        List<String> keys = p.strings("metadataKeys");
        if (keys == null || keys.isEmpty()) {
            throw new Parameters.InvalidParameterException("metadataKeys must be an array and not empty");
        }
        String operator = p.string("operator") == null ? "all" : p.string("operator");
        return TextChecks.found(keys, in.metadata()::containsKey, operator, "metadata keys", "Keys");
    }

    /**
     * The request's type ({@code chatComplete}, {@code complete}, {@code embed}, {@code messages} …) is in
     * {@code allowedTypes} and not in {@code blockedTypes}; without them, metadata {@code supported_endpoints}
     * and {@code blocked_endpoints} (comma-separated) say the same.
     */
    static CheckResult allowedRequestTypes(CheckInput in, Parameters p) {
        List<String> allowed = p.strings("allowedTypes");
        List<String> blocked = p.strings("blockedTypes");
        if (allowed == null || allowed.isEmpty()) {
            allowed = commaList(in.metadata().get("supported_endpoints"));
        }
        if (blocked == null || blocked.isEmpty()) {
            blocked = commaList(in.metadata().get("blocked_endpoints"));
        }
        List<String> conflicts = allowed.stream().filter(blocked::contains).toList();
        if (!conflicts.isEmpty()) {
            throw new Parameters.InvalidParameterException("types both allowed and blocked: " + conflicts);
        }
        String type = in.requestType();
        boolean verdict = !blocked.contains(type) && (allowed.isEmpty() || allowed.contains(type));
        JsonObjectBuilder data = Json.object().add("requestType", type).add("explanation", verdict
                ? "Request type \"" + type + "\" is allowed." : blocked.contains(type)
                ? "Request type \"" + type + "\" is blocked." : "Request type \"" + type + "\" is not in the allowed list.");
        Json.put(data, "allowedTypes", allowed);
        Json.put(data, "blockedTypes", blocked);
        return CheckResult.of(verdict, data.build());
    }

    private static List<String> commaList(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                values.add(part.strip());
            }
        }
        return values;
    }
}
