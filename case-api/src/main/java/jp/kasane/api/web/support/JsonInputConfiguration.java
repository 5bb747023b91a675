package jp.kasane.api.web.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * How request bodies are read (docs/api.md "Input"): a key given twice is refused rather than the last one winning;
 * a number or a boolean is never taken for text, nor text for a number or a boolean, nor a number for an instant
 * or a date ({@link TimeAsText}); every string passes {@link CleanText}. Each refusal is a 400 naming the field's JSON path.
 */
@Configuration(proxyBeanMethods = false)
public class JsonInputConfiguration {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJsonInput() {
        return builder -> builder
                .featuresToEnable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .deserializerByType(String.class, new CleanText())
                .deserializerByType(Instant.class, TimeAsText.instants())
                .deserializerByType(LocalDate.class, TimeAsText.dates())
                .postConfigurer(mapper -> {
                    mapper.coercionConfigFor(LogicalType.Textual)
                            .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                    for (LogicalType scalar : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
                        mapper.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
                    }
                });
    }
}
