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
 * its {@code validUntil} date has passed in Japan time, whichever comes first.
 */
public record ConsentRecord(String consentId, String givenByPersonId, ConsentCapacity capacity,
                            Set<String> agencyIds, Set<AgencyType> agencyTypes, Set<Purpose> purposes,
                            Set<InformationCategory> categories, LocalDate validUntil,
                            Instant givenAt, Instant withdrawnAt) {

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
        return validUntil.plusDays(1).atStartOfDay(JAPAN).toInstant();
    }

    public boolean names(String agencyId, AgencyType agencyType) {
        return agencyIds.contains(agencyId) || (agencyType != null && agencyTypes.contains(agencyType));
    }

    /** Whether this consent, now, lets {@code agencyId} receive information for {@code purpose}. */
    public boolean covers(String agencyId, AgencyType agencyType, Purpose purpose, Instant now) {
        return inForceAt(now) && names(agencyId, agencyType) && purposes.contains(purpose);
    }

    public ConsentRecord withdrawn(Instant at) {
        return new ConsentRecord(consentId, givenByPersonId, capacity, agencyIds, agencyTypes, purposes, categories,
                validUntil, givenAt, at);
    }
}
