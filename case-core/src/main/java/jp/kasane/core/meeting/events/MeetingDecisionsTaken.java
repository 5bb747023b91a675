package jp.kasane.core.meeting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;
import jp.kasane.core.meeting.DecisionType;
import org.axonframework.serialization.Revision;

/** The meeting took decisions about one case on its agenda (the case stream holds their content). */
@JsonTypeName("kasane.MeetingDecisionsTaken")
@Revision("1")
public record MeetingDecisionsTaken(String meetingId, String caseId, List<DecisionType> decisionTypes) {
}
