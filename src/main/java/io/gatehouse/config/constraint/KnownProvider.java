package io.gatehouse.config.constraint;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.gatehouse.config.ConfigEnvironment;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** A provider name this gateway can resolve (null passes: the header provider then applies). */
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = KnownProvider.Check.class)
public @interface KnownProvider {
    String message() default "is not a known provider";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Asks the gateway's provider resolution; Portkey's wording for the message. */
    class Check implements ConstraintValidator<KnownProvider, String> {
        @Override
        public boolean isValid(String provider, ConstraintValidatorContext context) {
            ConfigEnvironment env = Violations.environment(context);
            if (provider == null || env == null || env.knownProvider().test(provider)) {
                return true;
            }
            return Violations.refuse(context, "Invalid 'provider' value. Must be one of: " + env.providerNames());
        }
    }
}
