package jp.kasane.core.supportcase.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import jp.kasane.core.meeting.MeetingKind;
import org.axonframework.serialization.Revision;

/** The case is on the agenda of a meeting. */
@JsonTypeName("kasane.CaseTabledAtMeeting")
@Revision("1")
public record CaseTabledAtMeeting(String caseId, String meetingId, MeetingKind kind, LocalDate heldOn, String convenerAgencyId, Set<String> attendeeAgencyIds, Instant accessUntil) implements CaseEvent {
}
