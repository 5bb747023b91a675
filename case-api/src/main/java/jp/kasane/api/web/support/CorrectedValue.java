package jp.kasane.api.web.support;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Payload;
import jakarta.validation.Validator;
import jp.kasane.api.web.cases.CaseRequests;
import org.springframework.beans.factory.ObjectProvider;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The {@code value} of a correction accepts exactly what the same field of a household member accepts
 * ({@link CaseRequests.Member}: a name that is not blank and at most 200 characters; a birth date yyyy-MM-dd between
 * 1900-01-01 and today): the member's constraints are asked, not copied. A bad value names the field {@code value}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CorrectedValue.Check.class)
public @interface CorrectedValue {

    String message() default "is not a valid value for this field";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<CorrectedValue, CaseRequests.Correction> {

        // Lazily: this validator is itself made by the Validator it asks.
        private final ObjectProvider<Validator> validator;

        public Check(ObjectProvider<Validator> validator) {
            this.validator = validator;
        }

        @Override
        public boolean isValid(CaseRequests.Correction c, ConstraintValidatorContext context) {
            if (c == null || c.field() == null || c.value() == null) {
                return true; // left to @NotNull
            }
            Set<? extends ConstraintViolation<?>> bad = switch (c.field()) {
                case NAME -> validator.getObject().validateValue(CaseRequests.Member.class, "name", c.value());
                case BIRTH_DATE -> {
                    LocalDate date;
                    try {
                        date = LocalDate.parse(c.value());
                    } catch (DateTimeParseException e) {
                        yield null;
                    }
                    yield validator.getObject().validateValue(CaseRequests.Member.class, "birthDate", date);
                }
            };
            if (bad != null && bad.isEmpty()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            if (bad == null) {
                context.buildConstraintViolationWithTemplate("must be a date (yyyy-MM-dd) for field birthDate")
                        .addPropertyNode("value").addConstraintViolation();
            } else {
                for (ConstraintViolation<?> v : bad) {
                    context.buildConstraintViolationWithTemplate(escape(v.getMessage()))
                            .addPropertyNode("value").addConstraintViolation();
                }
            }
            return false;
        }

        private static String escape(String message) {
            return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
