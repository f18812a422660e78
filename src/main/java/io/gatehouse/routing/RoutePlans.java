package io.gatehouse.routing;

import io.gatehouse.config.ConfigParser;
import io.gatehouse.config.SavedConfigs;
import io.gatehouse.error.GatewayException;
import io.gatehouse.http.GatewayHeaders;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The route plan for a request's {@code x-portkey-config}: none (the headers alone route), inline JSON
 * (parsed, validated and compiled once, then cached by its exact text), or the id of a saved config
 * (compiled at start).
 */
public final class RoutePlans {
    /** Distinct inline configs kept; clients usually send a handful, a flood of distinct ones just re-parses. */
    static final int MAX_CACHED = 512;
    private static final Route HEADERS_ONLY = new Route.Leaf(TargetSettings.NONE, CompileRoutes.ROOT_PATH);

    private final ConfigParser parser;
    private final Map<String, Route> saved;
    private final Map<String, Route> inline = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Route> eldest) {
            return size() > MAX_CACHED;
        }
    });

    public RoutePlans(ConfigParser parser, SavedConfigs savedConfigs) {
        this.parser = parser;
        Map<String, Route> compiled = new LinkedHashMap<>();
        savedConfigs.all().forEach((id, config) -> compiled.put(id, CompileRoutes.compile(config)));
        this.saved = Map.copyOf(compiled);
    }

    /** @param config the header's value, stripped, or null when absent */
    Route planFor(String config) {
        if (config == null) {
            return HEADERS_ONLY;
        }
        if (config.startsWith("{")) {
            Route cached = inline.get(config);
            if (cached == null) {
                cached = CompileRoutes.compile(parser.parse(config));
                inline.put(config, cached);
            }
            return cached;
        }
        if (!SavedConfigs.isWellFormedId(config)) {
            throw GatewayException.badRequest("invalid_config", GatewayHeaders.CONFIG
                    + " must be a JSON object or the id of a saved config (letters, digits, '-' and '_')");
        }
        Route plan = saved.get(config);
        if (plan == null) {
            throw GatewayException.badRequest("unknown_config", "No saved config with id '" + config + "'");
        }
        return plan;
    }
}
