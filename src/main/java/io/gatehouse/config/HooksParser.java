package io.gatehouse.config;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a node's hooks, in Portkey's full form and its shorthand, into {@link Hooks}: before-request hooks
 * are {@code before_request_hooks} then {@code input_guardrails} then {@code input_mutators}, after-request
 * hooks likewise. Check ids and parameters are kept exactly as written (Portkey does not camelCase them).
 */
public final class HooksParser {
    /** Every key that declares hooks, in snake_case. */
    public static final Set<String> KEYS = Set.of("before_request_hooks", "after_request_hooks", "input_guardrails",
            "output_guardrails", "input_mutators", "output_mutators");
    /** Shorthand keys that are the hook's settings, not checks. */
    private static final Set<String> RESERVED = Set.of("deny", "on_fail", "onFail", "on_success", "onSuccess", "async",
            "id", "type", "guardrail_version_id", "guardrailVersionId", "sequential", "incremental");

    private HooksParser() {
    }

    /** The node's hooks; a side none of whose keys is present stays null (inherited). */
    public static Hooks read(ConfigObject o) {
        List<HookConfig> before = side(o, "before_request_hooks", "input_guardrails", "input_mutators");
        List<HookConfig> after = side(o, "after_request_hooks", "output_guardrails", "output_mutators");
        return before == null && after == null ? null : new Hooks(before, after);
    }

    private static List<HookConfig> side(ConfigObject o, String fullForm, String guardrails, String mutators) {
        if (!o.has(fullForm) && !o.has(guardrails) && !o.has(mutators)) {
            return null;
        }
        List<HookConfig> hooks = new ArrayList<>();
        forEachObject(o, fullForm, (hook, path) -> hooks.add(fullHook(o, hook, path)));
        forEachObject(o, guardrails, (hook, path) -> hooks.add(shorthand(o, hook, path, HookConfig.Type.GUARDRAIL)));
        forEachObject(o, mutators, (hook, path) -> hooks.add(shorthand(o, hook, path, HookConfig.Type.MUTATOR)));
        return hooks;
    }

    private interface HookReader {
        void read(JsonObject hook, String path);
    }

    private static void forEachObject(ConfigObject o, String key, HookReader reader) {
        JsonValue value = o.raw(key);
        if (value == null) {
            return;
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            o.problem(key, "must be an array of hooks");
            return;
        }
        int i = 0;
        for (JsonValue element : value.asJsonArray()) {
            String path = o.path(key) + "[" + i++ + "]";
            if (element instanceof JsonString) {
                problem(o, path, "names a hosted guardrail; this gateway runs checks written in the config: "
                        + "give them inline, e.g. {\"default.regexMatch\": {\"rule\": \"…\"}, \"deny\": true}");
            } else if (element.getValueType() != JsonValue.ValueType.OBJECT) {
                problem(o, path, "must be an object");
            } else {
                reader.read(element.asJsonObject(), path);
            }
        }
    }

    private static HookConfig shorthand(ConfigObject o, JsonObject hook, String path, HookConfig.Type type) {
        List<HookConfig.Check> checks = new ArrayList<>();
        for (Map.Entry<String, JsonValue> e : hook.entrySet()) {
            if (RESERVED.contains(e.getKey())) {
                continue;
            }
            String id = e.getKey().contains(".") ? e.getKey() : "default." + e.getKey();
            String at = path + "." + e.getKey();
            if (e.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
                problem(o, at, "must be an object of the check's parameters");
                continue;
            }
            checks.add(check(o, id, e.getValue().asJsonObject(), true, at));
        }
        if (checks.isEmpty()) {
            problem(o, path, "has no check");
        }
        return hook(o, hook, path, type, checks);
    }

    private static HookConfig fullHook(ConfigObject o, JsonObject hook, String path) {
        String typeName = string(o, hook, path, "type");
        HookConfig.Type type = HookConfig.Type.GUARDRAIL;
        if ("mutator".equals(typeName)) {
            type = HookConfig.Type.MUTATOR;
        } else if (typeName != null && !"guardrail".equals(typeName)) {
            problem(o, path + ".type", "must be guardrail or mutator");
        }
        List<HookConfig.Check> checks = new ArrayList<>();
        JsonValue list = hook.get("checks");
        if (list == null || list.getValueType() != JsonValue.ValueType.ARRAY || list.asJsonArray().isEmpty()) {
            problem(o, path + ".checks", "must be a non-empty array of checks");
        } else {
            int i = 0;
            for (JsonValue c : list.asJsonArray()) {
                String at = path + ".checks[" + i++ + "]";
                if (c.getValueType() != JsonValue.ValueType.OBJECT) {
                    problem(o, at, "must be an object");
                    continue;
                }
                JsonObject check = c.asJsonObject();
                String id = string(o, check, at, "id");
                JsonValue parameters = check.get("parameters");
                if (parameters != null && parameters.getValueType() != JsonValue.ValueType.OBJECT) {
                    problem(o, at + ".parameters", "must be an object");
                    parameters = null;
                }
                Boolean enabled = bool(o, check, at, "is_enabled", "isEnabled");
                if (id == null) {
                    problem(o, at + ".id", "is required, e.g. default.regexMatch");
                } else {
                    checks.add(check(o, id, parameters == null ? JsonValue.EMPTY_JSON_OBJECT : parameters.asJsonObject(),
                            enabled == null || enabled, at));
                }
            }
        }
        return hook(o, hook, path, type, checks);
    }

    private static HookConfig hook(ConfigObject o, JsonObject hook, String path, HookConfig.Type type,
                                   List<HookConfig.Check> checks) {
        String id = string(o, hook, path, "id");
        Boolean deny = bool(o, hook, path, "deny", "deny");
        Boolean async = bool(o, hook, path, "async", "async");
        Boolean sequential = bool(o, hook, path, "sequential", "sequential");
        Boolean incremental = bool(o, hook, path, "incremental", "incremental");
        return new HookConfig(id != null ? id : path, type, checks, deny != null && deny, async != null && async,
                sequential != null && sequential, object(hook, "on_fail", "onFail"), object(hook, "on_success", "onSuccess"),
                incremental != null && incremental);
    }

    private static HookConfig.Check check(ConfigObject o, String id, JsonObject parameters, boolean enabled, String path) {
        if (!HookConfig.KNOWN_CHECKS.contains(id)) {
            problem(o, path, "names an unknown check '" + id + "'; this gateway runs "
                    + HookConfig.KNOWN_CHECKS.stream().sorted().toList());
        }
        return new HookConfig.Check(id, parameters, enabled);
    }

    private static String string(ConfigObject o, JsonObject json, String path, String key) {
        JsonValue v = json.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        problem(o, path + "." + key, "must be a string");
        return null;
    }

    private static Boolean bool(ConfigObject o, JsonObject json, String path, String snake, String camel) {
        JsonValue v = json.containsKey(snake) ? json.get(snake) : json.get(camel);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (v == JsonValue.TRUE || v == JsonValue.FALSE) {
            return v == JsonValue.TRUE;
        }
        if (v.getValueType() == JsonValue.ValueType.TRUE || v.getValueType() == JsonValue.ValueType.FALSE) {
            return v.getValueType() == JsonValue.ValueType.TRUE;
        }
        problem(o, path + "." + snake, "must be true or false");
        return null;
    }

    private static JsonObject object(JsonObject json, String snake, String camel) {
        JsonValue v = json.containsKey(snake) ? json.get(snake) : json.get(camel);
        return v != null && v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : null;
    }

    private static void problem(ConfigObject o, String path, String message) {
        o.problems().add(new ConfigProblem(path, message));
    }
}
