package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import jp.kasane.core.meeting.PlanRole;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.serialization.Revision;

import java.time.LocalDate;
import java.util.List;

/**
 * A 支援会議 set the direction of support for the case: the direction itself, whether the person is watched over
 * for now (見守り), what each agency does now, and when the case is looked at again.
 */
@JsonTypeName("kasane.DirectionSet")
@Revision("1")
public record DirectionSet(String caseId, String meetingId, Sealed direction, boolean watchOver, List<PlanRole> actions,
                           LocalDate nextReviewOn, List<String> aboutPersonIds) implements CaseEvent {
}
