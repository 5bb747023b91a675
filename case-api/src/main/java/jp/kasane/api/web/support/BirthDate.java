package jp.kasane.api.web.support;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jp.kasane.core.rules.TimeBounds;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A birth date: from 1900-01-01 up to today in Japan on the application's clock ({@link TimeBounds#isPastDate}).
 * Null is left to {@code @NotNull}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = BirthDate.Check.class)
public @interface BirthDate {

    String message() default "must lie between 1900-01-01 and today (in Japan)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<BirthDate, LocalDate> {

        private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
        private final Clock clock;

        public Check(Clock clock) {
            this.clock = clock;
        }

        @Override
        public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
            return value == null || TimeBounds.isPastDate(value, clock.instant().atZone(JAPAN).toLocalDate());
        }
    }
}
