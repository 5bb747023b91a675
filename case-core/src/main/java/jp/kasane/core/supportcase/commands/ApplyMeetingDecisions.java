package jp.kasane.core.supportcase.commands;

import java.util.List;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.meeting.Decision;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Apply a meeting's decisions about this case, in order. */
public record ApplyMeetingDecisions(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion, String meetingId, List<Decision> decisions) implements CallerCommand {
}
