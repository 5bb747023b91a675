package jp.kasane.api.web.support;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jp.kasane.core.agency.AgencyDirectory;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The string names an agency of the registry. The domain refuses an unknown agency too (rule {@code UNKNOWN_AGENCY},
 * asking {@link AgencyDirectory#exists}, with the message {@link AgencyDirectory#NOT_REGISTERED}); checking it here
 * as well, with the same question and words, lets one {@code 400} name an unknown agency together with every other
 * bad field of the body, instead of one answer per layer. Null and blank are left to {@code @NotBlank}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = RegisteredAgency.Check.class)
public @interface RegisteredAgency {

    String message() default AgencyDirectory.NOT_REGISTERED;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<RegisteredAgency, String> {

        private final AgencyDirectory agencies;

        public Check(AgencyDirectory agencies) {
            this.agencies = agencies;
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.isBlank() || agencies.exists(value);
        }
    }
}
