package jp.kasane.api.web.agencies;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jp.kasane.core.agency.AgencyType;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;

/**
 * The string is the name of an {@link AgencyType}. Validated as a field (rather than bound to the enum) so that
 * an unknown type is a field error {@code type} of a {@code VALIDATION_FAILED} answer. Null is left to
 * {@code @NotNull}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AgencyTypeName.Validator.class)
public @interface AgencyTypeName {

    String message() default "must be one of COMMUNITY_GENERAL_SUPPORT_CENTER, COMMUNITY_SOCIAL_WORKER, "
            + "LIVELIHOOD_CONSULTATION, DISABILITY_CORE_CENTER, CHILD_FAMILY_CENTER, MULTI_AGENCY_COORDINATOR, "
            + "PARTICIPATION_PARTNER, OTHER_PUBLIC_BODY";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<AgencyTypeName, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || Arrays.stream(AgencyType.values()).anyMatch(t -> t.name().equals(value));
        }
    }
}
