package jp.kasane.core.consent;

import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.agency.AgencyType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * A consent as it stands on a case (本人同意). It is a basis from when it was given until it is withdrawn or
 * its {@code validUntil} date has passed in Japan time, whichever comes first, and only for its data subjects
 * ({@code aboutPersonIds}): the mother's consent discloses the mother's data, not her adult son's.
 */
public record ConsentRecord(String consentId, String givenByPersonId, ConsentCapacity capacity,
                            Set<String> aboutPersonIds, Set<String> agencyIds, Set<AgencyType> agencyTypes,
                            Set<Purpose> purposes, Set<InformationCategory> categories, LocalDate validUntil,
                            ConsentEvidence evidence, Instant givenAt, Instant withdrawnAt) {

    public static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    public enum Status { IN_FORCE, WITHDRAWN, EXPIRED }

    public Status statusAt(Instant now) {
        if (withdrawnAt != null && !now.isBefore(withdrawnAt)) {
            return Status.WITHDRAWN;
        }
        return expiresAt().isAfter(now) ? Status.IN_FORCE : Status.EXPIRED;
    }

    public boolean inForceAt(Instant now) {
        return statusAt(now) == Status.IN_FORCE && !now.isBefore(givenAt);
    }

    /** The first instant at which the consent is no longer a basis: the end of {@code validUntil} in Japan. */
    public Instant expiresAt() {
        return expiresAt(validUntil);
    }

    public static Instant expiresAt(LocalDate validUntil) {
        return validUntil.plusDays(1).atStartOfDay(JAPAN).toInstant();
    }

    public boolean names(String agencyId, AgencyType agencyType) {
        return agencyIds.contains(agencyId) || (agencyType != null && agencyTypes.contains(agencyType));
    }

    /** Whether this consent, now, lets {@code agencyId} receive information for {@code purpose} (about its subjects). */
    public boolean covers(String agencyId, AgencyType agencyType, Purpose purpose, Instant now) {
        return inForceAt(now) && names(agencyId, agencyType) && purposes.contains(purpose);
    }

    /** Whether it covers every one of {@code persons} in every one of {@code wanted} categories. */
    public boolean coversSubjects(Set<String> persons, Set<InformationCategory> wanted) {
        return !persons.isEmpty() && aboutPersonIds.containsAll(persons) && categories.containsAll(wanted);
    }

    public ConsentRecord withdrawn(Instant at) {
        return new ConsentRecord(consentId, givenByPersonId, capacity, aboutPersonIds, agencyIds, agencyTypes, purposes,
                categories, validUntil, evidence, givenAt, at);
    }

    /** The same consent with a narrower scope (同意範囲の縮小); the caller has checked that it is narrower. */
    public ConsentRecord narrowedTo(ConsentScope scope) {
        return new ConsentRecord(consentId, givenByPersonId, capacity, scope.aboutPersonIds(), scope.agencyIds(),
                scope.agencyTypes(), scope.purposes(), scope.categories(), scope.validUntil(), evidence, givenAt,
                withdrawnAt);
    }

    public ConsentScope scope() {
        return new ConsentScope(aboutPersonIds, agencyIds, agencyTypes, purposes, categories, validUntil);
    }
}
