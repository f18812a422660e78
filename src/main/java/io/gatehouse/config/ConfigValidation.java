package io.gatehouse.config;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Hibernate Validator set up for configs: the gateway environment as the constraint-validator payload,
 * plain parameter interpolation (no expression language, so messages are predictable), and violations
 * rendered as Portkey-style snake_case JSON paths.
 */
public final class ConfigValidation {
    /** Java names that are not the snake_case form of their JSON key. */
    private static final Map<String, String> JSON_NAMES = Map.of("defaultTarget", "default");

    private final Validator validator;

    public ConfigValidation(ConfigEnvironment environment) {
        this.validator = Validation.byProvider(HibernateValidator.class)
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .constraintValidatorPayload(environment)
                .buildValidatorFactory()
                .getValidator();
    }

    /** Every constraint violation of {@code root} (a config, or one of the server-config files), as problems. */
    public <T> List<ConfigProblem> validate(T root) {
        return validator.validate(root).stream().map(ConfigValidation::problem).toList();
    }

    private static ConfigProblem problem(ConstraintViolation<?> v) {
        return new ConfigProblem(jsonPath(v.getPropertyPath()), v.getMessage());
    }

    /** {@code targets[0].overrideParams} → {@code targets[0].override_params}; list elements by index, map entries by key. */
    static String jsonPath(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                // List elements by index; map entries (server-config tables) by name, as the reader names them.
                out.append(node.getIndex() != null ? "[" + node.getIndex() + "]" : "." + node.getKey());
            }
            boolean named = node.getName() != null
                    && (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.BEAN);
            if (named) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(JSON_NAMES.getOrDefault(node.getName(), ConfigKeys.snake(node.getName())));
            }
        }
        return out.length() == 0 ? "(root)" : out.toString();
    }
}
