package jp.kasane.api.web.support;

import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.function.Predicate;

/**
 * Spring Security's firewall rule for the characters of header names, header values and parameter names, exactly as
 * {@link StrictHttpFirewall}'s defaults decide it (every code point assigned and not a control character; a header
 * value may also hold tabs), without running a regular expression at every read of a header: Spring MVC, the bearer
 * token resolver and the content negotiation read the headers several times per request, and the default
 * predicates were ~2.5 % of a consultation's request CPU (docs/benchmarks.md). The rule stays Spring Security's:
 * {@code FirewallCharactersTest} holds these predicates to {@link StrictHttpFirewall#ALLOWED_HEADER_NAMES},
 * {@link StrictHttpFirewall#ALLOWED_HEADER_VALUES} and {@link StrictHttpFirewall#ALLOWED_PARAMETER_NAMES} on every
 * character, and fails if a Spring Security upgrade changes them. It lives with the request's other rules because
 * {@link RequestRules} checks the headers the application reads with it before the firewall would.
 */
public final class FirewallCharacters {

    /** Header and parameter names: assigned, no control character. */
    public static final Predicate<String> NAMES = text -> allowed(text, false);

    /** Header values: assigned, no control character but the tab. */
    public static final Predicate<String> HEADER_VALUES = text -> allowed(text, true);

    private FirewallCharacters() {
    }

    /** Spring Security's firewall with these predicates in place of its regular expressions, and its defaults else. */
    public static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(NAMES);
        firewall.setAllowedHeaderValues(HEADER_VALUES);
        firewall.setAllowedParameterNames(NAMES);
        return firewall;
    }

    private static boolean allowed(String text, boolean tab) {
        int length = text.length();
        for (int i = 0; i < length; ) {
            char c = text.charAt(i);
            if (c >= ' ' && c < 0x7F) {
                i++; // printable ASCII, most of every header
                continue;
            }
            int codePoint = text.codePointAt(i);
            int type = Character.getType(codePoint);
            if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tab && codePoint == '\t')) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
