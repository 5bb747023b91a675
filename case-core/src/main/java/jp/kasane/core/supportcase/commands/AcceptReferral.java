package jp.kasane.core.supportcase.commands;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The receiving agency accepts a referral. */
public record AcceptReferral(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion, String referralId) implements CallerCommand {
}
