package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.agency.AgencyType;
import jp.kasane.core.consent.ConsentCapacity;
import jp.kasane.core.consent.ConsentEvidence;
import org.axonframework.serialization.Revision;

/**
 * Consent (本人同意 / 代理同意) was given, with its scope and evidence. {@code aboutPersonIds}: its data subjects
 * (null in events recorded before consent was per person: then the giver alone).
 */
@JsonTypeName("kasane.ConsentGiven")
@Revision("1")
public record ConsentGiven(String caseId, String consentId, String givenByPersonId, ConsentCapacity capacity, Set<String> agencyIds, Set<AgencyType> agencyTypes, Set<Purpose> purposes, Set<InformationCategory> categories, LocalDate validUntil, String recordedByAgencyId, Instant givenAt, Set<String> aboutPersonIds, ConsentEvidence evidence) implements CaseEvent {
}
