package jp.kasane.core.rules;

/**
 * What counts as text, everywhere Kasane takes a string (docs/api.md "Text"): Unicode as it is sent, with no
 * normalisation (a name is stored and returned exactly, half-width kana and characters outside the BMP included), but
 * never an unpaired surrogate, NUL or another control character other than tab, line feed and carriage return.
 * Blank means nothing but white space, full-width spaces (U+3000) included; lengths are counted in code points, so
 * 𠮷 is one character as a person counts it.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Null when the text is clean, else why not. */
    public static String problemOf(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate (not a Unicode character)";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate (not a Unicode character)";
            }
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r') {
                return "contains a control character (U+" + String.format("%04X", (int) c) + ")";
            }
        }
        return null;
    }

    /** Whether the text is nothing but white space, of any kind (U+3000 and no-break spaces included). */
    public static boolean isBlank(CharSequence text) {
        return text.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp));
    }

    /** The length as a person counts it: code points, not UTF-16 units. */
    public static int length(CharSequence text) {
        return (int) text.codePoints().count();
    }
}
