package jp.kasane.core.supportcase;

import jp.kasane.core.personaldata.Sealed;

/**
 * A member of the household the case concerns. Name and birth date are sealed with the member's own key.
 *
 * @param relationship to the person the case is about, e.g. SELF, CHILD, PARENT, SPOUSE (not personal data on its own)
 */
public record HouseholdMember(String personId, String relationship, Sealed name, Sealed birthDate) {
}
