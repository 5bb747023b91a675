package jp.kasane.api.config.web;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jp.kasane.core.rules.TextRules;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Map;

/**
 * {@code @NotBlank} and {@code @Size} as Japanese text needs them ({@link TextRules}), for every request record at
 * once: blank is white space of any kind (a reason of full-width spaces is blank), and a text's size is counted in
 * code points (10,000 characters of 𠮷 fit a 10,000-character summary). Lists and maps keep their usual size.
 */
@Configuration(proxyBeanMethods = false)
public class TextConstraintsConfiguration {

    @Bean
    ValidationConfigurationCustomizer textConstraints() {
        return configuration -> {
            if (configuration instanceof HibernateValidatorConfiguration hibernate) {
                ConstraintMapping mapping = hibernate.createConstraintMapping();
                mapping.constraintDefinition(NotBlank.class).includeExistingValidators(false).validatedBy(NotBlankText.class);
                mapping.constraintDefinition(Size.class).includeExistingValidators(false).validatedBy(SizeInCodePoints.class);
                hibernate.addMapping(mapping);
            }
        };
    }

    /** Not null, and not only white space of any kind. */
    public static class NotBlankText implements ConstraintValidator<NotBlank, CharSequence> {
        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value != null && !TextRules.isBlank(value);
        }
    }

    /** A text's length in code points; a collection's, map's or array's number of elements. */
    public static class SizeInCodePoints implements ConstraintValidator<Size, Object> {
        private int min;
        private int max;

        @Override
        public void initialize(Size size) {
            min = size.min();
            max = size.max();
        }

        @Override
        public boolean isValid(Object value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int size;
            if (value instanceof CharSequence text) {
                size = TextRules.length(text);
            } else if (value instanceof Collection<?> c) {
                size = c.size();
            } else if (value instanceof Map<?, ?> m) {
                size = m.size();
            } else if (value.getClass().isArray()) {
                size = Array.getLength(value);
            } else {
                return true;
            }
            return size >= min && size <= max;
        }
    }
}
