package jp.kasane.core.meeting.events;

import com.fasterxml.jackson.annotation.JsonTypeName;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import jp.kasane.core.meeting.MeetingKind;
import org.axonframework.serialization.Revision;

/** A coordinator convened a meeting. */
@JsonTypeName("kasane.MeetingConvened")
@Revision("1")
public record MeetingConvened(String meetingId, MeetingKind kind, LocalDate heldOn, String convenerAgencyId, Set<String> attendeeAgencyIds, List<String> caseIds) {
}
