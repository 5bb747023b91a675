package jp.kasane.core.supportcase.commands;

import jp.kasane.core.access.InformationCategory;
import java.time.LocalDate;
import java.util.Set;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.meeting.MeetingKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Put the case on a meeting's agenda; {@code categories}: what the meeting will see of it (a 重層的支援会議 needs consent for them). */
public record TableCaseAtMeeting(@TargetAggregateIdentifier String caseId, Caller caller, String meetingId, MeetingKind kind, LocalDate heldOn, Set<String> attendeeAgencyIds, Set<InformationCategory> categories) implements CallerCommand {
}
