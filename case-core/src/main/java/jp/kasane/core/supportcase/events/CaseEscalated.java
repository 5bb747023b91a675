package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.serialization.Revision;

/** The case was escalated to 多機関協働; the coordinator holds it from now on. */
@JsonTypeName("kasane.CaseEscalated")
@Revision("1")
public record CaseEscalated(String caseId, String fromAgencyId, String coordinatorAgencyId, Sealed reason) implements CaseEvent {
}
