package jp.kasane.api.web.support;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jp.kasane.core.rules.TextRules;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An optional text: absent (null) is fine, but when given it is not blank, with blank meaning what {@code @NotBlank}
 * means everywhere ({@link TextRules#isBlank}: every Unicode white space, U+3000 included).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = NotBlankWhenGiven.Check.class)
public @interface NotBlankWhenGiven {

    String message() default "must not be blank when given (leave it out when it is not known)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<NotBlankWhenGiven, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || !TextRules.isBlank(value);
        }
    }
}
