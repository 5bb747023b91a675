package jp.kasane.api.web.support;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The firewall's character rule answers as Spring Security's own predicates do, for every character and any text. */
class FirewallCharactersTest {

    @Example
    void every_single_char_and_code_point_is_judged_as_spring_security_judges_it() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String text = new String(Character.toChars(codePoint));
            same(text);
            same("a" + text + "b");
        }
        for (char unpaired = Character.MIN_SURROGATE; unpaired < Character.MAX_SURROGATE; unpaired++) {
            same(String.valueOf(unpaired));
            same("x" + unpaired);
        }
        same("");
        same("Bearer demo-houkatsu-north");
        same("application/json;\tq=0.9");
    }

    /** Header-like text: mostly printable ASCII, with kana, kanji, 𠮷, tabs, controls, unassigned and lone surrogates. */
    @Provide
    Arbitrary<String> headerLike() {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.chars().range(' ', '~')),
                net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u3040', '\u30FF')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\u0000', '\u001F')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\u007F', '\u00A0')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\uD800', '\uDFFF')),
                net.jqwik.api.Tuple.of(1, Arbitraries.of('\t', '\u0378', '\uFFFF', '\uFFFE', '\u2028', '\u3000')),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars()));
        return chars.list().ofMaxSize(40).map(list -> {
            StringBuilder text = new StringBuilder();
            list.forEach(text::append);
            return text.toString();
        });
    }

    @Property(tries = 5000)
    void any_text_is_judged_as_spring_security_judges_it(@ForAll("headerLike") String text) {
        same(text);
    }

    @Example
    void the_firewall_uses_them() {
        StrictHttpFirewall firewall = FirewallCharacters.firewall();
        assertThat(org.springframework.test.util.ReflectionTestUtils.getField(firewall, "allowedHeaderNames"))
                .isSameAs(FirewallCharacters.NAMES);
        assertThat(org.springframework.test.util.ReflectionTestUtils.getField(firewall, "allowedHeaderValues"))
                .isSameAs(FirewallCharacters.HEADER_VALUES);
        assertThat(org.springframework.test.util.ReflectionTestUtils.getField(firewall, "allowedParameterNames"))
                .isSameAs(FirewallCharacters.NAMES);
    }

    private static void same(String text) {
        check("header name", FirewallCharacters.NAMES, StrictHttpFirewall.ALLOWED_HEADER_NAMES, text);
        check("header value", FirewallCharacters.HEADER_VALUES, StrictHttpFirewall.ALLOWED_HEADER_VALUES, text);
        check("parameter name", FirewallCharacters.NAMES, StrictHttpFirewall.ALLOWED_PARAMETER_NAMES, text);
    }

    private static void check(String what, Predicate<String> ours, Predicate<String> spring, String text) {
        boolean expected = spring.test(text);
        if (ours.test(text) != expected) {
            throw new AssertionError(what + " " + text.codePoints().mapToObj(Integer::toHexString).toList()
                    + ": Spring Security says " + expected);
        }
    }
}
