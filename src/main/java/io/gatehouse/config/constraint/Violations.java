package io.gatehouse.config.constraint;

import io.gatehouse.config.ConfigEnvironment;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ConstraintValidatorContext.ConstraintViolationBuilder;
import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** Helpers the config constraint validators share: the gateway environment, and messages with free text. */
final class Violations {
    private Violations() {
    }

    /** The environment the validator factory was built with, or null (then gateway-dependent checks are skipped). */
    static ConfigEnvironment environment(ConstraintValidatorContext context) {
        return context.unwrap(HibernateConstraintValidatorContext.class)
                .getConstraintValidatorPayload(ConfigEnvironment.class);
    }

    /**
     * Starts a violation whose message is {@code text} verbatim: free text (a provider name, a host policy
     * reason) goes in as a message parameter, so braces in it are never interpolated.
     */
    static ConstraintViolationBuilder violation(ConstraintValidatorContext context, String text) {
        HibernateConstraintValidatorContext hv = context.unwrap(HibernateConstraintValidatorContext.class);
        hv.disableDefaultConstraintViolation();
        return hv.addMessageParameter("text", text).buildConstraintViolationWithTemplate("{text}");
    }

    /** A class-level constraint's own message, reported on one property of the node. */
    static boolean refuseAt(ConstraintValidatorContext context, String property) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                .addPropertyNode(property).addConstraintViolation();
        return false;
    }

    /** Reports {@code text} on the annotated element itself. */
    static boolean refuse(ConstraintValidatorContext context, String text) {
        violation(context, text).addConstraintViolation();
        return false;
    }
}
