package jp.kasane.core.personaldata;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import javax.crypto.SecretKey;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AesGcmProperties {

    private static final SecretKey KEY = AesGcm.generateKey();

    /** Any well-formed Unicode text: weighted towards kana, kanji, supplementary-plane kanji (𠮷) and emoji. */
    @Provide
    Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x3040, 0x30FF)),   // ひらがな・カタカナ
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x4E00, 0x9FFF)),   // CJK 漢字
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x20000, 0x2A6DF)), // CJK Ext. B
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x1F300, 0x1FAFF)), // emoji
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0x10FFFF)
                        .filter(c -> c < 0xD800 || c > 0xDFFF)));
        return codePoint.list().ofMaxSize(300).map(cps -> {
            StringBuilder text = new StringBuilder();
            cps.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    @Provide
    Arbitrary<String> subjectIds() {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars('-', ':').ofMinLength(1).ofMaxLength(64),
                Arbitraries.create(() -> java.util.UUID.randomUUID().toString()));
    }

    @Property(tries = 500)
    void sealThenOpenGivesTheSameText(@ForAll("subjectIds") String subject, @ForAll("text") String clear) {
        String sealed = AesGcm.encrypt(KEY, subject, clear);
        assertThat(AesGcm.decrypt(KEY, subject, sealed)).isEqualTo(clear);
    }

    @Property(tries = 300)
    void anyFlippedBitIsDetected(@ForAll("subjectIds") String subject, @ForAll("text") String clear,
                                 @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int position,
                                 @ForAll @IntRange(min = 0, max = 7) int bit) {
        byte[] raw = Base64.getDecoder().decode(AesGcm.encrypt(KEY, subject, clear));
        raw[position % raw.length] ^= (byte) (1 << bit);
        String tampered = Base64.getEncoder().encodeToString(raw);
        assertThatThrownBy(() -> AesGcm.decrypt(KEY, subject, tampered)).isInstanceOf(SealBrokenException.class);
    }

    @Property(tries = 300)
    void anotherSubjectCannotOpenIt(@ForAll("subjectIds") String subject, @ForAll("subjectIds") String other,
                                    @ForAll("text") String clear) {
        net.jqwik.api.Assume.that(!subject.equals(other));
        String sealed = AesGcm.encrypt(KEY, subject, clear);
        assertThatThrownBy(() -> AesGcm.decrypt(KEY, other, sealed)).isInstanceOf(SealBrokenException.class);
    }

    @Property(tries = 200)
    void droppingBytesIsDetected(@ForAll("text") String clear, @ForAll @IntRange(min = 1, max = 40) int cut) {
        byte[] raw = Base64.getDecoder().decode(AesGcm.encrypt(KEY, "p", clear));
        byte[] shorter = java.util.Arrays.copyOf(raw, Math.max(0, raw.length - cut));
        assertThatThrownBy(() -> AesGcm.decrypt(KEY, "p", Base64.getEncoder().encodeToString(shorter)))
                .isInstanceOf(SealBrokenException.class);
    }
}
