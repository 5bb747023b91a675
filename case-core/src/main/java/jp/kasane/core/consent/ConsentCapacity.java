package jp.kasane.core.consent;

/**
 * In which capacity consent was given. Only the person or a legal representative may consent: a family member
 * who is not a legal representative cannot consent for an adult, so there is deliberately no FAMILY value.
 */
public enum ConsentCapacity {
    /** 本人. */
    SELF,
    /** 親権者, for a minor. */
    PARENT,
    /** 成年後見人. */
    GUARDIAN
}
