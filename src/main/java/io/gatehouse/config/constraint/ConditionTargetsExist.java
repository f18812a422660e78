package io.gatehouse.config.constraint;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.gatehouse.config.Strategy;
import io.gatehouse.config.TargetConfig;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * In a conditional node, every {@code then} and the {@code default} name one of the node's targets, and
 * target names are unique — checked when the config is loaded, not when a request happens to match.
 */
@Target(TYPE)
@Retention(RUNTIME)
@Constraint(validatedBy = ConditionTargetsExist.Check.class)
public @interface ConditionTargetsExist {
    String message() default "names no target";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<ConditionTargetsExist, TargetConfig> {
        @Override
        public boolean isValid(TargetConfig node, ConstraintValidatorContext context) {
            if (node == null || !(node.strategy() instanceof Strategy.Conditional conditional)) {
                return true;
            }
            boolean valid = true;
            Set<String> names = new HashSet<>();
            List<TargetConfig> targets = node.targets();
            for (int i = 0; i < targets.size(); i++) {
                String name = targets.get(i).name();
                if (name != null && !names.add(name)) {
                    valid = false;
                    Violations.violation(context, "duplicate target name '" + name + "'")
                            .addPropertyNode("targets").addPropertyNode("name").inIterable().atIndex(i)
                            .addConstraintViolation();
                }
            }
            List<Strategy.Rule> rules = conditional.conditions() == null ? List.of() : conditional.conditions();
            for (int i = 0; i < rules.size(); i++) {
                String then = rules.get(i) == null ? null : rules.get(i).then();
                if (then != null && !then.isBlank() && !names.contains(then)) {
                    valid = false;
                    Violations.violation(context, "names no target: '" + then + "'")
                            .addPropertyNode("strategy").addPropertyNode("conditions")
                            .addPropertyNode("then").inIterable().atIndex(i)
                            .addConstraintViolation();
                }
            }
            String fallback = conditional.defaultTarget();
            if (fallback != null && !names.contains(fallback)) {
                valid = false;
                Violations.violation(context, "names no target: '" + fallback + "'")
                        .addPropertyNode("strategy").addPropertyNode("default").addConstraintViolation();
            }
            return valid;
        }
    }
}
