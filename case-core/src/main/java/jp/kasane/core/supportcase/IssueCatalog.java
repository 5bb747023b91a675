package jp.kasane.core.supportcase;

import jp.kasane.core.access.InformationCategory;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The issue flags a case may carry (DOMAIN.md "The case"), each with the information category it reveals:
 * knowing that a case carries {@code MENTAL_HEALTH} is health information, {@code DEBT} is financial.
 * A city may add its own codes (configuration); those default to {@code BASIC} unless told otherwise.
 */
public final class IssueCatalog {

    private static final Map<String, InformationCategory> STANDARD;

    static {
        Map<String, InformationCategory> m = new LinkedHashMap<>();
        m.put("ISSUE_8050", InformationCategory.BASIC);
        m.put("HIKIKOMORI", InformationCategory.BASIC);
        m.put("YOUNG_CARER", InformationCategory.BASIC);
        m.put("DOUBLE_CARE", InformationCategory.BASIC);
        m.put("HOARDING", InformationCategory.BASIC);
        m.put("ANIMAL_HOARDING", InformationCategory.BASIC);
        m.put("POVERTY", InformationCategory.FINANCE);
        m.put("DISABILITY", InformationCategory.DISABILITY);
        m.put("ABUSE_DV", InformationCategory.BASIC);
        m.put("DEBT", InformationCategory.FINANCE);
        m.put("HOUSING", InformationCategory.BASIC);
        m.put("EMPLOYMENT", InformationCategory.BASIC);
        m.put("REOFFENDING_PREVENTION", InformationCategory.CRIMINAL_RECORD);
        m.put("NON_ATTENDANCE", InformationCategory.BASIC);
        m.put("DEMENTIA", InformationCategory.HEALTH);
        m.put("MENTAL_HEALTH", InformationCategory.HEALTH);
        STANDARD = Collections.unmodifiableMap(m);
    }

    private final Map<String, InformationCategory> codes;

    private IssueCatalog(Map<String, InformationCategory> codes) {
        this.codes = Collections.unmodifiableMap(codes);
    }

    public static IssueCatalog standard() {
        return new IssueCatalog(STANDARD);
    }

    /** The standard codes plus a city's own, each mapped to the category it reveals. */
    public static IssueCatalog withAdditional(Map<String, InformationCategory> additional) {
        Map<String, InformationCategory> m = new LinkedHashMap<>(STANDARD);
        m.putAll(additional);
        return new IssueCatalog(m);
    }

    public boolean knows(String code) {
        return codes.containsKey(code);
    }

    /** Category revealed by an issue; an issue unknown to this catalog (e.g. since removed) counts as BASIC. */
    public InformationCategory categoryOf(String code) {
        return Optional.ofNullable(codes.get(code)).orElse(InformationCategory.BASIC);
    }

    public Set<String> codes() {
        return codes.keySet();
    }

    public Optional<String> firstUnknown(Collection<String> issues) {
        return issues.stream().filter(i -> !knows(i)).findFirst();
    }
}
