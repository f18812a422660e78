package io.gatehouse.config.constraint;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import io.gatehouse.http.GatewayHeaders;
import io.gatehouse.http.HeaderPolicy;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Locale;

/** A header name {@code forward_headers} may copy upstream: never a gateway or hop-by-hop header. */
@Target({FIELD, TYPE_USE})
@Retention(RUNTIME)
@Constraint(validatedBy = ForwardableHeader.Check.class)
public @interface ForwardableHeader {
    String message() default "cannot be forwarded: gateway (x-portkey-*) and hop-by-hop headers are never sent upstream";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<ForwardableHeader, String> {
        @Override
        public boolean isValid(String name, ConstraintValidatorContext context) {
            if (name == null) {
                return true;
            }
            String lower = name.strip().toLowerCase(Locale.ROOT);
            return !lower.isEmpty() && !GatewayHeaders.isGatewayHeader(lower) && !HeaderPolicy.isHopByHop(lower);
        }
    }
}
