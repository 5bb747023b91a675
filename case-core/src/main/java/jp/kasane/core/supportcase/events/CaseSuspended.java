package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.serialization.Revision;

/** A meeting suspended the case (中断). */
@JsonTypeName("kasane.CaseSuspended")
@Revision("1")
public record CaseSuspended(String caseId, String meetingId, Sealed reason, List<String> aboutPersonIds) implements CaseEvent {
}
