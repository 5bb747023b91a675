package jp.kasane.core.access;

import java.util.EnumSet;
import java.util.Set;

/** Information categories a consent or a legal basis covers (DOMAIN.md "Consent"). */
public enum InformationCategory {
    BASIC,
    /** 要配慮個人情報. */
    HEALTH,
    /** 要配慮個人情報. */
    DISABILITY,
    FINANCE,
    /** 要配慮個人情報. */
    CRIMINAL_RECORD,
    /** Free-text notes: consultation summaries, assessments, evaluations. */
    NOTES;

    public static Set<InformationCategory> all() {
        return EnumSet.allOf(InformationCategory.class);
    }

    /** 要配慮個人情報 under APPI Art. 2(3). */
    public boolean sensitive() {
        return this == HEALTH || this == DISABILITY || this == CRIMINAL_RECORD;
    }
}
