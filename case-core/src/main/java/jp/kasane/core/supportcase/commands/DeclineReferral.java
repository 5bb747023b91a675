package jp.kasane.core.supportcase.commands;

import jp.kasane.core.access.Caller;
import jp.kasane.core.access.CallerCommand;
import jp.kasane.core.personaldata.Sealed;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The receiving agency declines a referral, with a reason. */
public record DeclineReferral(@TargetAggregateIdentifier String caseId, Caller caller, Long expectedVersion, String referralId, Sealed reason) implements CallerCommand {
}
