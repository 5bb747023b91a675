package jp.kasane.core.supportcase.commands;

import java.time.LocalDate;
import java.util.Set;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.meeting.MeetingKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Put the case on a meeting's agenda. */
public record TableCaseAtMeeting(@TargetAggregateIdentifier String caseId, Caller caller, String meetingId, MeetingKind kind, LocalDate heldOn, Set<String> attendeeAgencyIds) implements CallerCommand {
}
