package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import jp.kasane.core.access.InformationCategory;
import jp.kasane.core.access.Purpose;
import jp.kasane.core.agency.AgencyType;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * A consent was narrowed (同意範囲の縮小): the person took back part of it (a person, an agency, a purpose, a
 * category, or time). The fields are the whole scope from {@code narrowedAt}; what was disclosed before stays lawful.
 */
@JsonTypeName("kasane.ConsentNarrowed")
@Revision("1")
public record ConsentNarrowed(String caseId, String consentId, Set<String> aboutPersonIds, Set<String> agencyIds,
                              Set<AgencyType> agencyTypes, Set<Purpose> purposes, Set<InformationCategory> categories,
                              LocalDate validUntil, Instant narrowedAt) implements CaseEvent {
}
