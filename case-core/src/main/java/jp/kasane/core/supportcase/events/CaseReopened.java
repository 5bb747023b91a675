package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import jp.kasane.core.supportcase.Phase;
import org.axonframework.serialization.Revision;

/** A closed or suspended case was reopened by a new consultation; it is back in INTAKE. */
@JsonTypeName("kasane.CaseReopened")
@Revision("1")
public record CaseReopened(String caseId, String agencyId, Phase fromPhase) implements CaseEvent {
}
