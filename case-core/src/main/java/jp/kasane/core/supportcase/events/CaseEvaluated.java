package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.serialization.Revision;

/** The support was evaluated (評価). */
@JsonTypeName("kasane.CaseEvaluated")
@Revision("1")
public record CaseEvaluated(String caseId, String meetingId, Sealed evaluation, List<String> aboutPersonIds) implements CaseEvent {
}
