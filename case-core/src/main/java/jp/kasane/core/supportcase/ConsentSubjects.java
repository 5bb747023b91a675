package jp.kasane.core.supportcase;

import jp.kasane.core.consent.AgeOfMajority;
import jp.kasane.core.consent.ConsentCapacity;
import jp.kasane.core.rules.RuleViolation;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whose data a consent may cover, by the capacity in which it is given (DOMAIN.md "Consent"): {@code SELF} only the
 * giver; {@code PARENT} (親権者) only the giver's children in the household who are minors on the day; {@code GUARDIAN}
 * (成年後見人) only the ward. A family member who is not a legal representative cannot consent for an adult.
 *
 * <p>Relationships are recorded relative to the case's SELF member, so the giver's children are read from them:
 * for SELF or SPOUSE the CHILD members, for a PARENT the SELF member and the SIBLING members, for a GRANDPARENT the
 * PARENT members. A minor is under 18 on the day (民法 4条), from the birth date on file; an unknown birth date is
 * not a minor.
 */
final class ConsentSubjects {

    private ConsentSubjects() {
    }

    static void check(CaseState c, HouseholdMember giver, ConsentCapacity capacity, List<String> about,
                      Map<String, LocalDate> birthDates, LocalDate today, RuleViolation.Fields bad) {
        if (capacity == ConsentCapacity.GUARDIAN && !HouseholdMember.GUARDIAN.equals(giver.relationship())) {
            bad.add("NOT_A_GUARDIAN", "givenBy.capacity", "GUARDIAN consent is given by a GUARDIAN member of the household");
            return;
        }
        for (int i = 0; i < about.size(); i++) {
            String field = "aboutPersonIds[" + i + "]";
            Optional<HouseholdMember> subject = c.member(about.get(i));
            if (subject.isEmpty()) {
                bad.add("UNKNOWN_PERSON", field, "is not a member of this case's household");
                continue;
            }
            String personId = subject.get().personId();
            switch (capacity) {
                case SELF -> {
                    if (!personId.equals(giver.personId())) {
                        bad.add("NOT_THE_GIVER", field, "a SELF consent covers only the person who gives it");
                    }
                }
                case PARENT -> {
                    boolean child = childrenOf(c.members(), giver).contains(personId);
                    LocalDate born = birthDates.get(personId);
                    if (!child || born == null || !AgeOfMajority.isMinorOn(born, today)) {
                        bad.add("NOT_A_MINOR_CHILD", field,
                                "a PARENT consent covers only the giver's children in the household who are minors today");
                    }
                }
                case GUARDIAN -> {
                    if (!personId.equals(wardOf(c, giver))) {
                        bad.add("NOT_THE_WARD", field, "a GUARDIAN consent covers only the guardian's ward");
                    }
                }
            }
        }
    }

    /** The giver's children among the household, read from the relationships to the SELF member. */
    static Set<String> childrenOf(Collection<HouseholdMember> household, HouseholdMember giver) {
        String childRelationship = switch (giver.relationship()) {
            case "SELF", "SPOUSE" -> "CHILD";
            case "GRANDPARENT" -> "PARENT";
            case "PARENT" -> "SIBLING";
            default -> null;
        };
        return household.stream()
                .filter(m -> !m.personId().equals(giver.personId()))
                .filter(m -> m.relationship().equals(childRelationship)
                        || ("PARENT".equals(giver.relationship()) && m.isSelf()))
                .map(HouseholdMember::personId)
                .collect(Collectors.toSet());
    }

    /** Whom a GUARDIAN member represents: the member named, else the case's SELF member. */
    static String wardOf(CaseState c, HouseholdMember guardian) {
        return guardian.guardianOfPersonId() != null ? guardian.guardianOfPersonId() : c.principalPersonId();
    }
}
