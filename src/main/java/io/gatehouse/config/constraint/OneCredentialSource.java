package io.gatehouse.config.constraint;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.gatehouse.config.CatalogConfig;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.stream.Stream;

/** A catalog key names exactly one source: {@code env}, {@code file} or {@code value}. */
@Target(TYPE)
@Retention(RUNTIME)
@Constraint(validatedBy = OneCredentialSource.Check.class)
public @interface OneCredentialSource {
    String message() default "must name exactly one of env (an environment variable), file (a secret file) or value";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<OneCredentialSource, CatalogConfig.Credential> {
        @Override
        public boolean isValid(CatalogConfig.Credential key, ConstraintValidatorContext context) {
            return key == null || Stream.of(key.env(), key.file(), key.value()).filter(s -> s != null && !s.isBlank()).count() == 1;
        }
    }
}
