package jp.kasane.core.supportcase;

import jp.kasane.core.personaldata.Sealed;

/**
 * A member of the household the case concerns, a data subject of their own: their name and birth date are sealed
 * with their own key and disclosed only on a basis that covers them.
 *
 * @param relationship       to the person the case is about, e.g. SELF, CHILD, PARENT, SPOUSE, SIBLING, GUARDIAN
 *                           (not personal data on its own)
 * @param birthYear          an approximate year of birth when the date is not known (not sealed: a year alone does
 *                           not identify anyone); null when unknown or when the date is known
 * @param guardianOfPersonId for a GUARDIAN (成年後見人), the member they represent; null means the SELF member
 */
public record HouseholdMember(String personId, String relationship, Sealed name, Sealed birthDate, Integer birthYear,
                              String guardianOfPersonId) {

    public static final String SELF = "SELF";
    public static final String GUARDIAN = "GUARDIAN";

    public HouseholdMember(String personId, String relationship, Sealed name, Sealed birthDate) {
        this(personId, relationship, name, birthDate, null, null);
    }

    /** The member with a corrected (or first recorded) value; a birth date replaces an approximate birth year. */
    public HouseholdMember corrected(CorrectableField field, Sealed value) {
        return switch (field) {
            case NAME -> new HouseholdMember(personId, relationship, value, birthDate, birthYear, guardianOfPersonId);
            case BIRTH_DATE -> new HouseholdMember(personId, relationship, name, value, null, guardianOfPersonId);
        };
    }

    public boolean isSelf() {
        return SELF.equals(relationship);
    }
}
