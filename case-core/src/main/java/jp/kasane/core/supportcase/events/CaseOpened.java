package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import jp.kasane.core.supportcase.Consultation;
import jp.kasane.core.supportcase.HouseholdMember;
import org.axonframework.serialization.Revision;

/** A case was opened from a first consultation (受付). */
@JsonTypeName("kasane.CaseOpened")
@Revision("1")
public record CaseOpened(String caseId, String openingAgencyId, List<HouseholdMember> members, Consultation consultation) implements CaseEvent {
}
