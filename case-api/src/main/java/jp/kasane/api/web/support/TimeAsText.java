package jp.kasane.api.web.support;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import jp.kasane.api.config.json.IsoInstantDeserializer;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Instants and dates in request bodies are ISO-8601 text and nothing else (docs/api.md "Text and input"): a number
 * is not taken for seconds since 1970, nor an array for a date. Anything but a string is a 400 naming the field.
 */
public final class TimeAsText<T> extends StdScalarDeserializer<T> {

    private final transient JsonDeserializer<T> iso;

    private TimeAsText(Class<T> type, JsonDeserializer<T> iso) {
        super(type);
        this.iso = iso;
    }

    public static TimeAsText<Instant> instants() {
        return new TimeAsText<>(Instant.class, IsoInstantDeserializer.INSTANCE);
    }

    public static TimeAsText<LocalDate> dates() {
        return new TimeAsText<>(LocalDate.class, LocalDateDeserializer.INSTANCE);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            return (T) ctxt.handleUnexpectedToken(handledType(), p.currentToken(), p,
                    "must be an ISO-8601 text such as 2026-04-01 or 2026-04-01T09:30:00Z");
        }
        return iso.deserialize(p, ctxt);
    }
}
