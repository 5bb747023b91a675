package jp.kasane.core.meeting.commands;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.meeting.MeetingKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/** Convene a meeting (the caller's agency convenes and attends); attendees in the order the request names them. */
public record ConveneMeeting(@TargetAggregateIdentifier String meetingId, Caller caller, MeetingKind kind,
                             LocalDate heldOn, List<String> attendeeAgencyIds, List<String> caseIds)
        implements CallerCommand {
}
