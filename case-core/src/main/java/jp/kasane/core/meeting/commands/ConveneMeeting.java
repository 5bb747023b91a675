package jp.kasane.core.meeting.commands;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.meeting.MeetingKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Convene a meeting (the caller's agency convenes and attends). */
public record ConveneMeeting(@TargetAggregateIdentifier String meetingId, Caller caller, MeetingKind kind, LocalDate heldOn, Set<String> attendeeAgencyIds, List<String> caseIds) implements CallerCommand {
}
