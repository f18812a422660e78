package io.gatehouse.config.constraint;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.gatehouse.config.ConfigEnvironment;
import io.gatehouse.egress.CustomHost;
import io.gatehouse.error.GatewayException;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.net.URI;

/**
 * A custom host that is an http(s) URL the gateway's host policy allows — judged on the URL when the
 * config is loaded; the addresses a name resolves to are checked again before each connection.
 */
@Target({FIELD, METHOD, PARAMETER})
@Retention(RUNTIME)
@Constraint(validatedBy = AllowedCustomHost.Check.class)
public @interface AllowedCustomHost {
    String message() default "is not an allowed custom host";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<AllowedCustomHost, String> {
        private static final String SOURCE = "custom host";

        @Override
        public boolean isValid(String host, ConstraintValidatorContext context) {
            if (host == null) {
                return true;
            }
            try {
                URI url = CustomHost.parse(host, SOURCE);
                ConfigEnvironment env = Violations.environment(context);
                if (env != null) {
                    env.hostPolicy().checkUrl(url, SOURCE);
                }
                return true;
            } catch (GatewayException refused) {
                return Violations.refuse(context, refused.getMessage());
            }
        }
    }
}
