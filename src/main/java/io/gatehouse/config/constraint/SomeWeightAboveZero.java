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

/**
 * A loadbalance node needs a target with a weight above 0 (Portkey then answers with an undefined
 * response; here the config is refused).
 */
@Target(TYPE)
@Retention(RUNTIME)
@Constraint(validatedBy = SomeWeightAboveZero.Check.class)
public @interface SomeWeightAboveZero {
    String message() default "loadbalance needs at least one target with a weight above 0";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<SomeWeightAboveZero, TargetConfig> {
        @Override
        public boolean isValid(TargetConfig node, ConstraintValidatorContext context) {
            if (node == null || !(node.strategy() instanceof Strategy.LoadBalance) || node.targets().isEmpty()
                    || node.targets().stream().anyMatch(t -> t.effectiveWeight() > 0)) {
                return true;
            }
            return Violations.refuseAt(context, "targets");
        }
    }
}
