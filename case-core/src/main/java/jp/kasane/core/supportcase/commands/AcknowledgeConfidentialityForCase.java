package jp.kasane.core.supportcase.commands;

import jp.kasane.core.access.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Carry an attendee's 守秘義務 acknowledgement over to a case on the meeting's agenda. */
public record AcknowledgeConfidentialityForCase(@TargetAggregateIdentifier String caseId, String meetingId, String agencyId) {
}
