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
import java.time.Instant;

/**
 * When something happened: from 1900 up to now on the application's clock, never in the future
 * ({@link TimeBounds#isOccurrence}). Null is left to {@code @NotNull}.
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Occurred.Check.class)
public @interface Occurred {

    String message() default "must lie between 1900-01-01T00:00:00Z and now";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<Occurred, Instant> {

        private final Clock clock;

        public Check(Clock clock) {
            this.clock = clock;
        }

        @Override
        public boolean isValid(Instant value, ConstraintValidatorContext context) {
            return value == null || TimeBounds.isOccurrence(value, clock.instant());
        }
    }
}
