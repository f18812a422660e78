package io.gatehouse.config;

import io.gatehouse.error.ErrorType;
import io.gatehouse.error.GatewayException;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A config that failed parsing or validation: 400 {@code invalid_config} whose body lists every problem
 * in Portkey's {@code errors} array beside the standard error object.
 */
public final class InvalidConfigException extends GatewayException {
    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public InvalidConfigException(List<ConfigProblem> problems) {
        super(ErrorType.INVALID_REQUEST, "invalid_config", "Invalid config passed: "
                + problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    @Override
    public Map<String, JsonValue> bodyExtras() {
        var errors = JsonProvider.provider().createArrayBuilder();
        problems.forEach(p -> errors.add(p.toString()));
        return Map.of("errors", errors.build());
    }
}
