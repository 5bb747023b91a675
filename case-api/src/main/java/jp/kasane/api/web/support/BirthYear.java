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
import java.time.ZoneId;

/**
 * An approximate year of birth, for a person whose birth date is not known (a neighbour's "in her seventies"): from
 * 1900 up to this year in Japan ({@link TimeBounds#isPastYear}). Null is allowed.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = BirthYear.Check.class)
public @interface BirthYear {

    String message() default "must lie between 1900 and this year (in Japan)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<BirthYear, Integer> {

        private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
        private final Clock clock;

        public Check(Clock clock) {
            this.clock = clock;
        }

        @Override
        public boolean isValid(Integer value, ConstraintValidatorContext context) {
            return value == null || TimeBounds.isPastYear(value, clock.instant().atZone(JAPAN).toLocalDate());
        }
    }
}
