package io.gatehouse.config.constraint;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.gatehouse.config.ConfigEnvironment;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A provider name this gateway can resolve — a provider slug or the {@code @slug} of a model-catalog entry
 * (null passes: the header provider then applies). With {@code virtualKey}, the value is a catalog entry's
 * name or alias without the {@code @}, as Portkey's {@code virtual_key} field carries it.
 */
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = KnownProvider.Check.class)
public @interface KnownProvider {
    String message() default "is not a known provider";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Whether the value names a catalog entry without its {@code @} ({@code virtual_key}). */
    boolean virtualKey() default false;

    /** Asks the gateway's provider resolution; Portkey's wording for a provider slug. */
    class Check implements ConstraintValidator<KnownProvider, String> {
        private boolean virtualKey;

        @Override
        public void initialize(KnownProvider annotation) {
            virtualKey = annotation.virtualKey();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            ConfigEnvironment env = Violations.environment(context);
            String provider = value == null || !virtualKey ? value : "@" + value;
            if (provider == null || env == null || env.knownProvider().test(provider)) {
                return true;
            }
            if (provider.startsWith("@")) {
                return Violations.refuse(context, "no model-catalog entry or virtual key named '" + provider.substring(1) + "'");
            }
            return Violations.refuse(context, "Invalid 'provider' value. Must be one of: " + env.providerNames());
        }
    }
}
