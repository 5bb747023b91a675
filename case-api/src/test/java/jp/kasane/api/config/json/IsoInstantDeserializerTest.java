package jp.kasane.api.config.json;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jp.kasane.api.config.axon.AxonConfiguration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast path reads every instant exactly as Jackson's own deserializer does, or leaves it to Jackson: the same
 * instant, or the same refusal with the same message, for canonical text, for text one or two characters away from
 * it (full-width digits, lower case, offsets, spaces, leap seconds…), and through the mapper of stored events.
 */
class IsoInstantDeserializerTest {

    private static final ObjectMapper JACKSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final ObjectMapper OURS = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule().addDeserializer(Instant.class, IsoInstantDeserializer.INSTANCE));

    /** Instants from year 1 to 9999 written as Kasane writes them: {@code Instant.toString()}, 0 to 9 fraction digits. */
    @Provide
    Arbitrary<String> canonical() {
        Arbitrary<Long> seconds = Arbitraries.longs()
                .between(Instant.parse("0001-01-01T00:00:00Z").getEpochSecond(),
                        Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999)
                .map(ms -> ms * 1_000_000), Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(seconds, nanos).as((s, n) -> Instant.ofEpochSecond(s, n).toString());
    }

    /** Canonical text with one or two characters replaced, inserted or dropped. */
    @Provide
    Arbitrary<String> nearlyCanonical() {
        Arbitrary<Character> odd = Arbitraries.of('0', '1', '2', '3', '5', '6', '9', '-', ':', '.', ',', 'T', 't', 'Z',
                'z', '+', ' ', '\u3000', '０', '９', 'Ｚ', 'Ｔ', '：', 'a');
        Arbitrary<String> once = Combinators.combine(canonical(), Arbitraries.integers().between(0, 40), odd,
                Arbitraries.of("replace", "insert", "drop")).as(IsoInstantDeserializerTest::mutate);
        return Combinators.combine(once, Arbitraries.integers().between(0, 40), odd,
                Arbitraries.of("replace", "insert", "drop", "none")).as(IsoInstantDeserializerTest::mutate);
    }

    private static String mutate(String text, int at, char c, String how) {
        int i = Math.min(at, text.length() - 1);
        return switch (how) {
            case "replace" -> text.substring(0, i) + c + text.substring(i + 1);
            case "insert" -> text.substring(0, i) + c + text.substring(i);
            case "drop" -> text.substring(0, i) + text.substring(i + 1);
            default -> text;
        };
    }

    @Property(tries = 3000)
    void canonical_text_takes_the_fast_path_to_jacksons_instant(@ForAll("canonical") String text) {
        assertThat(IsoInstantDeserializer.parseCanonical(text)).as(text).isNotNull().isEqualTo(Instant.parse(text));
        assertThat(read(OURS, text)).isEqualTo(read(JACKSON, text));
    }

    @Property(tries = 5000)
    void text_near_the_canonical_form_reads_as_jackson_reads_it(@ForAll("nearlyCanonical") String text) {
        Object jackson = read(JACKSON, text);
        Instant fast = IsoInstantDeserializer.parseCanonical(text);
        if (fast != null) {
            assertThat(jackson).as("the fast path took %s, so Jackson must read the same instant", text).isEqualTo(fast);
        }
        assertThat(read(OURS, text)).as(text).isEqualTo(jackson);
    }

    @Example
    void the_edges_read_as_jackson_reads_them() {
        for (String text : List.of("2026-04-01T00:30:00Z", "2026-04-01T00:30:00.5Z", "2026-04-01T00:30:00.123456789Z",
                "2026-04-01T00:30:00.1234567890Z", "2026-04-01T00:30:00.Z", "2026-04-01t00:30:00Z",
                "2026-04-01T00:30:00z", "2026-04-01T00:30Z", "2026-04-01T24:00:00Z", "2026-04-01T23:59:60Z",
                "2016-12-31T23:59:60Z", "2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
                "2026-13-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "2026-04-01T09:30:00+09:00", "2026-04-01T00:30:00+00:00", "2026-04-01 00:30:00Z",
                " 2026-04-01T00:30:00Z", "2026-04-01T00:30:00Z ", "２０２６-04-01T00:30:00Z", "2026-04-01T00:30:00,5Z",
                "+2026-04-01T00:30:00Z", "-0001-01-01T00:00:00Z", "2026-4-01T00:30:00Z", "2026-04-01T00:30:00.５Z",
                "", "2026-04-01T00:30:00ZZ", "2026-04-01T0:30:00Z", "2026-04-01T00:30:00.000000000Z")) {
            assertThat(read(OURS, text)).as(text).isEqualTo(read(JACKSON, text));
        }
        assertThat(read(OURS, 1_775_003_400)).isEqualTo(read(JACKSON, 1_775_003_400)); // numbers stay Jackson's
    }

    @Example
    void stored_events_are_read_through_it() throws Exception {
        ObjectMapper events = AxonConfiguration.eventObjectMapper();
        JavaType instant = events.constructType(Instant.class);
        DefaultDeserializationContext context = ((DefaultDeserializationContext) events.getDeserializationContext())
                .createDummyInstance(events.getDeserializationConfig());

        assertThat(context.findRootValueDeserializer(instant)).isSameAs(IsoInstantDeserializer.INSTANCE);
        assertThat(events.readValue("\"2026-04-01T00:30:00.25Z\"", Instant.class))
                .isEqualTo(Instant.parse("2026-04-01T00:30:00.25Z"));
    }

    /** The instant read from a JSON string (or number), or the refusal's type and message. */
    private static Object read(ObjectMapper mapper, Object value) {
        try {
            return mapper.readValue(JACKSON.writeValueAsString(value), Instant.class);
        } catch (Exception refused) {
            return refused.getClass().getName() + ": " + refused.getMessage();
        }
    }
}
