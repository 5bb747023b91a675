package jp.kasane.core.meeting.commands;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An attendee acknowledges 守秘義務; answers the cases on the agenda. */
public record AcknowledgeConfidentiality(@TargetAggregateIdentifier String meetingId, Caller caller, String agencyId) implements CallerCommand {
}
