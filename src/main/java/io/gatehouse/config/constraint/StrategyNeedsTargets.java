package io.gatehouse.config.constraint;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.gatehouse.config.TargetConfig;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A node with a {@code strategy} needs {@code targets} to choose from. */
@Target(TYPE)
@Retention(RUNTIME)
@Constraint(validatedBy = StrategyNeedsTargets.Check.class)
public @interface StrategyNeedsTargets {
    String message() default "must not be empty when a strategy is set";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<StrategyNeedsTargets, TargetConfig> {
        @Override
        public boolean isValid(TargetConfig node, ConstraintValidatorContext context) {
            if (node == null || node.isLeaf() || !node.targets().isEmpty()) {
                return true;
            }
            return Violations.refuseAt(context, "targets");
        }
    }
}
