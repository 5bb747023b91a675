package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import jp.kasane.core.supportcase.HouseholdMember;
import org.axonframework.serialization.Revision;

/** A member joined the household the case concerns; a data subject of their own from then on. */
@JsonTypeName("kasane.MemberAdded")
@Revision("1")
public record MemberAdded(String caseId, String agencyId, HouseholdMember member) implements CaseEvent {
}
