package jp.kasane.api.config.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Reads an instant from JSON exactly as Jackson's {@link InstantDeserializer#INSTANT} does, faster for the one form
 * Kasane writes in its events and partner systems send: {@code 2026-04-01T00:30:00Z}, with 0 to 9 fraction digits.
 * Jackson parses with the JDK's {@code DateTimeFormatter.ISO_INSTANT}, about 0.7-1 µs an instant here and ~4 % of a
 * consultation's request CPU (loading a case deserializes its events; docs/benchmarks.md); this form's fixed layout is
 * read digit by digit and its fields checked by {@link LocalDateTime#of}, about ten times faster. Any other text (an
 * offset, lower case, spaces, full-width digits, a leap second, a field out of range) goes to Jackson's deserializer
 * unchanged, so what is accepted, and every refusal and its message, stay Jackson's: {@code
 * IsoInstantDeserializerTest} holds the two to the same answers. (A parsing library, ITU, was tried first: it took
 * text after the {@code Z} too, so the layout had to be checked here anyway; docs/stack.md.)
 */
public final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {

    public static final IsoInstantDeserializer INSTANCE = new IsoInstantDeserializer();

    /** {@code yyyy-MM-ddTHH:mm:ssZ}; with a fraction, {@code .} and 1 to 9 digits before the {@code Z}. */
    private static final int WITHOUT_FRACTION = 20;
    private static final int LONGEST = WITHOUT_FRACTION + 1 + 9;
    private static final int[] NANOS_PER_DIGIT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
            10, 1};

    private IsoInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            Instant instant = parseCanonical(p.getText());
            if (instant != null) {
                return instant;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(p, ctxt);
    }

    @Override
    public LogicalType logicalType() {
        return LogicalType.DateTime;
    }

    /** The instant of {@code 2026-04-01T00:30:00[.n…]Z}; null for any other text, left to Jackson. */
    static Instant parseCanonical(String text) {
        int length = text.length();
        if (length < WITHOUT_FRACTION || length > LONGEST || length == WITHOUT_FRACTION + 1
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int nanos = 0;
        if (length > WITHOUT_FRACTION) {
            if (text.charAt(19) != '.') {
                return null;
            }
            int digits = number(text, 20, length - 1);
            if (digits < 0) {
                return null;
            }
            nanos = digits * NANOS_PER_DIGIT[length - 1 - 20];
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 7);
        int day = number(text, 8, 10);
        int hour = number(text, 11, 13);
        int minute = number(text, 14, 16);
        int second = number(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException outOfRange) {
            return null;
        }
    }

    /** The ASCII digits from {@code from} to {@code to} (exclusive, at most 9) as a number; -1 if any is not one. */
    private static int number(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
