package jp.kasane.core.meeting.commands;

import java.util.List;
import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.meeting.DecisionType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Check that the meeting may take these decisions on this case, and record that it did. */
public record TakeDecisions(@TargetAggregateIdentifier String meetingId, Caller caller, String caseId, List<DecisionType> decisionTypes) implements CallerCommand {
}
