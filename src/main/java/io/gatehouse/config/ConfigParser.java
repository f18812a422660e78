package io.gatehouse.config;

import io.gatehouse.error.GatewayException;
import io.gatehouse.http.GatewayHeaders;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The one way a config becomes a {@link TargetConfig}, for the {@code x-portkey-config} header and for
 * saved configs alike: keys in snake_case or camelCase, types checked while reading, then the Bean
 * Validation constraints (field and cross-field) — and every problem reported together, each with its
 * JSON path.
 */
public final class ConfigParser {
    /** Deeper trees are refused: nobody needs them, and recursion must stay bounded. */
    static final int MAX_DEPTH = 10;
    static final String LEGACY_OPTIONS_MESSAGE =
            "This version of config is not supported in this route. Please migrate to the latest version";

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Set<String> NODE_KEYS = Set.of(
            "strategy", "targets", "provider", "virtual_key", "api_key", "custom_host", "forward_headers", "override_params",
            "request_timeout", "retry", "cache", "weight", "name", "strict_open_ai_compliance");
    /** Portkey keys this gateway does not implement: refused, so nothing silently goes unapplied. */
    private static final Map<String, String> UNSUPPORTED = unsupportedKeys();

    private final ConfigValidation validation;

    public ConfigParser(ConfigEnvironment environment) {
        this.validation = new ConfigValidation(environment);
    }

    /** Parses JSON text (a saved config file, or the header's value). */
    public TargetConfig parse(String json) {
        JsonValue value;
        // A parser, not a reader: a reader stops after the first value and would accept "{…} junk".
        try (JsonParser parser = JSON.createParser(new StringReader(json))) {
            parser.next();
            value = parser.getValue();
            if (parser.hasNext()) {
                throw GatewayException.badRequest("invalid_config", GatewayHeaders.CONFIG + " has content after its JSON object");
            }
        } catch (JsonParsingException e) {
            throw GatewayException.badRequest("invalid_config", GatewayHeaders.CONFIG + " is not valid JSON: " + e.getMessage());
        } catch (JsonException | NoSuchElementException | IllegalStateException e) {
            throw GatewayException.badRequest("invalid_config", GatewayHeaders.CONFIG + " is not valid JSON");
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw GatewayException.badRequest("invalid_config", GatewayHeaders.CONFIG + " must be a JSON object or a saved config id");
        }
        return parse(value.asJsonObject());
    }

    /**
     * @throws InvalidConfigException listing every problem
     * @throws GatewayException       for a legacy ({@code options}) config
     */
    public TargetConfig parse(JsonObject root) {
        if (root.containsKey("options")) {
            throw GatewayException.badRequest("invalid_config", LEGACY_OPTIONS_MESSAGE);
        }
        List<ConfigProblem> problems = new ArrayList<>();
        TargetConfig config = node(new ConfigObject(root, "", problems), 0);
        problems.addAll(validation.validate(config));
        if (!problems.isEmpty()) {
            List<ConfigProblem> sorted = new ArrayList<>(problems);
            Collections.sort(sorted);
            throw new InvalidConfigException(sorted);
        }
        return config;
    }

    private TargetConfig node(ConfigObject o, int depth) {
        ProviderOptions providerOptions = providerFieldsCheckingKeys(o);
        ConfigObject strategyObject = o.child("strategy");
        Strategy strategy = strategyObject == null ? null : strategy(strategyObject);
        List<TargetConfig> targets = null;
        if (o.has("targets")) {
            if (!o.has("strategy")) {
                o.problem("strategy", "is required when targets are given");
            }
            if (depth >= MAX_DEPTH) {
                o.problem("targets", "are nested more than " + MAX_DEPTH + " levels deep");
                strategy = null; // read as a leaf, so the targets left unread raise nothing more
            } else {
                List<ConfigObject> children = o.children("targets");
                if (children == null) {
                    strategy = null; // not an array (reported): read as a leaf, as above
                } else {
                    targets = children.stream().map(c -> node(c, depth + 1)).toList();
                }
            }
        }
        ConfigObject retry = o.child("retry");
        ConfigObject cache = o.child("cache");
        if (o.has("provider") && o.has("virtual_key")) {
            o.problem("virtual_key", "names a catalog entry, as provider \"@name\" does: give one of them, not both");
        }
        return new TargetConfig(
                strategy,
                targets,
                o.string("provider"),
                o.string("virtual_key"),
                o.string("api_key"),
                o.string("custom_host"),
                o.headerNames("forward_headers"),
                o.object("override_params"),
                o.wholeNumber("request_timeout"),
                retry == null ? null : retry(retry),
                cache == null ? null : cache(cache),
                o.number("weight"),
                o.string("name"),
                o.bool("strict_open_ai_compliance"),
                providerOptions,
                HooksParser.read(o));
    }

    /** The node's provider-specific fields; any key that is neither one nor a config field is a problem. */
    private static ProviderOptions providerFieldsCheckingKeys(ConfigObject o) {
        Map<String, JsonValue> providerFields = new LinkedHashMap<>();
        for (String key : o.keys()) {
            if (ProviderOptions.isProviderField(key)) {
                providerFields.put(key, o.raw(key));
            } else if (HooksParser.KEYS.contains(key)) {
                continue; // read by HooksParser
            } else if (UNSUPPORTED.containsKey(key)) {
                o.problem(key, UNSUPPORTED.get(key));
            } else if (!NODE_KEYS.contains(key)) {
                o.problem(key, "is not a config field");
            }
        }
        return new ProviderOptions(providerFields);
    }

    private Strategy strategy(ConfigObject s) {
        allowOnly(s, Set.of("mode", "on_status_codes", "conditions", "default"));
        String mode = s.string("mode");
        if (mode == null) {
            if (!s.has("mode")) {
                s.problem("mode", "is required: single, fallback, loadbalance or conditional");
            }
            return null;
        }
        if (!mode.equals("fallback") && s.has("on_status_codes")) {
            s.problem("on_status_codes", "applies to fallback only (retries take retry.on_status_codes)");
        }
        if (!mode.equals("conditional")) {
            for (String key : List.of("conditions", "default")) {
                if (s.has(key)) {
                    s.problem(key, "applies to conditional only");
                }
            }
        }
        return switch (mode) {
            case "single" -> new Strategy.Single();
            case "fallback" -> new Strategy.Fallback(s.statusCodes("on_status_codes"));
            case "loadbalance" -> new Strategy.LoadBalance();
            case "conditional" -> new Strategy.Conditional(rules(s), s.string("default"));
            default -> {
                s.problem("mode", "must be one of single, fallback, loadbalance, conditional");
                yield null;
            }
        };
    }

    private List<Strategy.Rule> rules(ConfigObject s) {
        List<ConfigObject> conditions = s.children("conditions");
        if (conditions == null) {
            return null;
        }
        QueryParser queries = new QueryParser(s.problems());
        List<Strategy.Rule> rules = new ArrayList<>();
        for (ConfigObject c : conditions) {
            allowOnly(c, Set.of("query", "then"));
            JsonObject query = c.object("query");
            rules.add(new Strategy.Rule(query == null ? null : queries.parse(query, c.path("query")), c.string("then")));
        }
        return rules;
    }

    private static RetryConfig retry(ConfigObject r) {
        allowOnly(r, Set.of("attempts", "on_status_codes", "use_retry_after_header"));
        return new RetryConfig(r.wholeNumber("attempts"), r.statusCodes("on_status_codes"), r.bool("use_retry_after_header"));
    }

    private static CacheConfig cache(ConfigObject c) {
        allowOnly(c, Set.of("mode", "max_age", "similarity"));
        return new CacheConfig(c.string("mode"), c.wholeNumber("max_age"), c.number("similarity"));
    }

    private static void allowOnly(ConfigObject o, Set<String> keys) {
        o.allowOnly(keys);
    }

    private static Map<String, String> unsupportedKeys() {
        return Map.of("on_status_codes", "belongs in strategy (for fallback) or in retry");
    }
}
